using System.ComponentModel.DataAnnotations;
using MeetingBot.Core;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Services;

public sealed class ReportsOptions : IValidatableObject
{
    public const string SectionName = "Reports";

    /// <summary>Each ended meeting's report files go to <c>{Folder}/{meetingId}/</c>.</summary>
    public string Folder { get; set; } = "data/reports";

    /// <summary>Tries per delivery before it is recorded as failed (a restart or the staff page tries again).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first failed try; each later wait doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A report of several meetings prints <c>(분과)</c> after each ▸ bullet (SPEC §6 <c>markSubcommittee</c>).</summary>
    public bool MarkSubcommittee { get; set; }

    /// <summary><see cref="MarkSubcommittee"/> as <paramref name="configuration"/> sets it, for the command line.</summary>
    public static bool MarkSubcommitteeIn(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            return configuration.GetSection(SectionName).GetValue<bool>(nameof(MarkSubcommittee));
        }
        catch (InvalidOperationException ex)
        {
            throw new MeetingBotException($"{SectionName}:{nameof(MarkSubcommittee)} 는 true 또는 false여야 합니다.", ex);
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Folder))
        {
            yield return new("Reports:Folder 를 정해 주세요. 예: data/reports");
        }

        if (MaxAttempts is < 1 or > 100)
        {
            yield return new("Reports:MaxAttempts 는 1 이상 100 이하여야 합니다.");
        }

        if (RetryDelay <= TimeSpan.Zero)
        {
            yield return new("Reports:RetryDelay 는 0초보다 커야 합니다.");
        }

        if (MaxRetryDelay < RetryDelay)
        {
            yield return new("Reports:MaxRetryDelay 는 Reports:RetryDelay 이상이어야 합니다.");
        }
    }

    public TimeSpan DelayAfter(int failedAttempt)
    {
        var factor = Math.Pow(2, Math.Min(failedAttempt - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}

/// <summary>Checks delivery settings at start (source-generated; the rules are <see cref="ReportsOptions.Validate"/>).</summary>
[OptionsValidator]
public sealed partial class ReportsOptionsValidator : IValidateOptions<ReportsOptions>;
