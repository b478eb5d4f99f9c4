using System.ComponentModel.DataAnnotations;
using MeetingBot.Core.Engine;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host;

/// <summary>The <c>Timebox</c> section: when the clock warns, and how often it asks the store what is due.</summary>
public sealed class TimeboxOptions : IValidatableObject
{
    public const string SectionName = "Timebox";

    public TimeSpan WarnBefore { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan OverrunEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the clock asks the store what is due.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeboxSettings ToSettings() => new() { WarnBefore = WarnBefore, OverrunEvery = OverrunEvery };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WarnBefore < TimeSpan.Zero)
        {
            yield return new("Timebox:WarnBefore 는 0 이상이어야 합니다.");
        }

        if (OverrunEvery < TimeSpan.FromMinutes(1))
        {
            yield return new("Timebox:OverrunEvery 는 1분 이상이어야 합니다.");
        }

        if (TickInterval <= TimeSpan.Zero || TickInterval > TimeSpan.FromMinutes(1))
        {
            yield return new("Timebox:TickInterval 은 0초 초과 1분 이하여야 합니다.");
        }
    }
}

/// <summary>Source-generated over <see cref="TimeboxOptions.Validate"/>: one Korean line per problem, naming the setting.</summary>
[OptionsValidator]
public sealed partial class TimeboxOptionsValidator : IValidateOptions<TimeboxOptions>;
