using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host;

/// <summary>The <c>Meetings</c> section: the folder of meeting files loaded at start, and the time zone shown.</summary>
public sealed class MeetingsOptions : IValidatableObject
{
    public const string SectionName = "Meetings";

    /// <summary>Folder of <c>*.meeting.yaml</c> files loaded at start.</summary>
    public string Folder { get; set; } = "samples";

    /// <summary>IANA time zone for times shown when a meeting names none.</summary>
    public string TimeZone { get; set; } = "Asia/Seoul";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Folder))
        {
            yield return new("Meetings:Folder 를 정해 주세요. 예: samples");
        }

        if (string.IsNullOrWhiteSpace(TimeZone))
        {
            yield return new("Meetings:TimeZone 을 정해 주세요. 예: Asia/Seoul");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new($"Meetings:TimeZone '{TimeZone}' 은(는) 알 수 없는 시간대입니다. 예: Asia/Seoul");
        }
    }
}

/// <summary>Source-generated over <see cref="MeetingsOptions.Validate"/>: one Korean line per problem, naming the setting.</summary>
[OptionsValidator]
public sealed partial class MeetingsOptionsValidator : IValidateOptions<MeetingsOptions>;
