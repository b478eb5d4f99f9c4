using System.ComponentModel.DataAnnotations;
using MeetingBot.Web;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Transcripts;

/// <summary>
/// The <c>Transcripts</c> section (SPEC §9): whether the bot collects transcripts and attendance after a meeting
/// ends, when it first asks, how it backs off and when it gives up, and where it asks (Graph for Teams, Meet for
/// Google Chat). <see cref="MinPresenceMinutes"/> also counts uploaded and imported attendance.
/// </summary>
public sealed class TranscriptsOptions : IValidatableObject
{
    /// <summary>The rules of <see cref="TranscriptsOptionsValidator"/>, which the generated validator reports.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        TranscriptsOptionsValidator.Problems(this).Select(p => new ValidationResult(p));

    public const string SectionName = "Transcripts";

    /// <summary>Off by default: collecting needs the Graph or Meet permissions of the README.</summary>
    public bool Enabled { get; set; }

    /// <summary>Platforms make the transcript minutes after the end: the first attempt waits this long.</summary>
    public TimeSpan FirstAttemptAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after the first unsuccessful attempt; each later one doubles, up to <see cref="MaxRetryInterval"/>.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Counted from the meeting's end: the last attempt is made then, and nothing more is asked.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the collector looks for attempts that are due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Minutes in the meeting for an attendee to count as 참석 (participant row, 정족수).</summary>
    public int MinPresenceMinutes { get; set; } = 5;

    public string GraphBaseUrl { get; set; } = GraphTranscriptSource.DefaultBaseUrl;

    /// <summary>The Entra object id of the account that organizes the council's meetings, for join URLs that name none.</summary>
    public string TeamsOrganizerId { get; set; } = "";

    public string MeetBaseUrl { get; set; } = MeetTranscriptSource.DefaultBaseUrl;

    /// <summary>The service-account JSON key for Meet; empty means <c>GoogleChat:CredentialsFile</c>.</summary>
    public string GoogleCredentialsFile { get; set; } = "";

    /// <summary>The Workspace user the service account acts as (domain-wide delegation), e.g. the council's organizer account.</summary>
    public string GoogleUser { get; set; } = "";

    public TimeSpan MinPresence => TimeSpan.FromMinutes(MinPresenceMinutes);

    /// <summary>The wait after the <paramref name="unsuccessful"/>-th unsuccessful attempt in a row (1 = the first).</summary>
    public TimeSpan DelayAfter(int unsuccessful)
    {
        var factor = Math.Pow(2, Math.Clamp(unsuccessful - 1, 0, 20));
        return TimeSpan.FromTicks((long)Math.Min(RetryAfter.Ticks * factor, MaxRetryInterval.Ticks));
    }
}

/// <summary>Checks the <c>Transcripts</c> section at start, naming the setting that is wrong (Korean).</summary>
[OptionsValidator]
public sealed partial class TranscriptsOptionsValidator : IValidateOptions<TranscriptsOptions>
{
    /// <summary>What is wrong in the section, one Korean line per problem naming the setting (the generated <c>Validate</c> reports them through <see cref="TranscriptsOptions.Validate"/>).</summary>
    internal static List<string> Problems(TranscriptsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = TranscriptsOptions.SectionName;
        foreach (var (field, value) in new[] { ("FirstAttemptAfter", options.FirstAttemptAfter), ("RetryAfter", options.RetryAfter), ("PollInterval", options.PollInterval) })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{section}:{field} 는 0초보다 길어야 합니다. 예: 00:05:00");
            }
        }

        if (options.MaxRetryInterval < options.RetryAfter)
        {
            errors.Add($"{section}:MaxRetryInterval 은 {section}:RetryAfter 이상이어야 합니다.");
        }

        if (options.GiveUpAfter < options.FirstAttemptAfter)
        {
            errors.Add($"{section}:GiveUpAfter 는 {section}:FirstAttemptAfter 이상이어야 합니다. 예: 24:00:00 은 '1.00:00:00'으로 씁니다.");
        }

        if (options.MinPresenceMinutes < 0)
        {
            errors.Add($"{section}:MinPresenceMinutes 는 0 이상의 정수(분)여야 합니다. 예: 5");
        }

        foreach (var (field, value) in new[] { ("GraphBaseUrl", options.GraphBaseUrl), ("MeetBaseUrl", options.MeetBaseUrl) })
        {
            if (!SecureUrl.IsHttpsOrLoopback(value))
            {
                errors.Add($"{section}:{field} '{value}' 은(는) https 주소여야 합니다(이 컴퓨터의 시험 서버만 http).");
            }
        }

        if (options.TeamsOrganizerId.Length > 0 && !Guid.TryParse(options.TeamsOrganizerId, out _))
        {
            errors.Add($"{section}:TeamsOrganizerId '{options.TeamsOrganizerId}' 은(는) Entra 개체 ID(GUID)가 아닙니다.");
        }

        return errors;
    }
}
