using MeetingBot.Core;
using MeetingBot.Web;
using Microsoft.Extensions.Options;

namespace MeetingBot.Calendar;

/// <summary>
/// Stops the host at start with a message naming the setting, rather than failing at the first poll: source-generated,
/// over <see cref="CalendarOptions.Validate"/> (whose rules are <see cref="CalendarOptionsRules"/>).
/// </summary>
[OptionsValidator]
public sealed partial class CalendarOptionsValidator : IValidateOptions<CalendarOptions>;

/// <summary>The <c>Calendar</c> section's rules, one Korean line per problem naming the setting.</summary>
internal static class CalendarOptionsRules
{
    private const string GoogleHost = "googleapis.com";

    public static List<string> Problems(CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = CalendarOptions.SectionName;

        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add(CalendarStrings.Positive($"{section}:PollInterval"));
        }

        if (options.ReminderBefore < TimeSpan.Zero)
        {
            failures.Add(CalendarStrings.Positive($"{section}:ReminderBefore"));
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? "", out _))
        {
            failures.Add(CalendarStrings.UnknownTimeZone($"{section}:TimeZone", options.TimeZone ?? ""));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var source = options.Sources[i];
            var prefix = $"{section}:Sources:{i}";
            if (string.IsNullOrWhiteSpace(source.Name))
            {
                failures.Add(CalendarStrings.Required($"{prefix}:Name"));
            }
            else if (!names.Add(source.Name))
            {
                failures.Add(CalendarStrings.DuplicateName($"{prefix}:Name", source.Name));
            }

            switch (source.Type)
            {
                case CalendarSourceType.Google:
                    ValidateGoogle(source, prefix, failures);
                    break;
                case CalendarSourceType.Ics:
                    ValidateIcs(source, prefix, failures);
                    break;
                case CalendarSourceType.Files:
                    break;
                default:
                    failures.Add(CalendarStrings.UnknownType($"{prefix}:Type", source.Type.ToString()));
                    break;
            }
        }

        for (var i = 0; i < options.Templates.Count; i++)
        {
            ValidateTemplate(options.Templates[i], $"{section}:Templates:{i}", failures);
        }

        return failures;
    }

    private static void ValidateTemplate(CalendarTemplateOptions template, string prefix, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(template.Pattern))
        {
            failures.Add(CalendarStrings.Required($"{prefix}:Pattern"));
        }

        if (string.IsNullOrWhiteSpace(template.MeetingFile))
        {
            failures.Add(CalendarStrings.Required($"{prefix}:MeetingFile"));
            return;
        }

        if (!File.Exists(template.MeetingFile))
        {
            failures.Add(CalendarStrings.FileMissing($"{prefix}:MeetingFile", template.MeetingFile));
            return;
        }

        if (string.IsNullOrWhiteSpace(template.Pattern))
        {
            return;
        }

        // Reading the file here stops the host at start over a broken template, naming it, instead of at the first poll.
        try
        {
            _ = CalendarTemplates.Create(template, prefix);
        }
        catch (MeetingBotException ex)
        {
            failures.Add(ex.Message);
        }
    }

    private static void ValidateGoogle(CalendarSourceOptions source, string prefix, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(source.CalendarId))
        {
            failures.Add(CalendarStrings.Required($"{prefix}:CalendarId"));
        }

        // The service account's token goes to BaseUrl with every request.
        if (!SecureUrl.IsHttpsOrLoopback(source.BaseUrl, out var baseUri))
        {
            failures.Add(CalendarStrings.BadUrl($"{prefix}:BaseUrl", source.BaseUrl));
        }

        if (string.IsNullOrWhiteSpace(source.CredentialsFile))
        {
            // Google itself always wants a key; only a stand-in server (tests, a proxy that signs) may go without.
            if (baseUri is not null && (baseUri.Host == GoogleHost || baseUri.Host.EndsWith("." + GoogleHost, StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add(CalendarStrings.Required($"{prefix}:CredentialsFile"));
            }
        }
        else if (!File.Exists(source.CredentialsFile))
        {
            failures.Add(CalendarStrings.FileMissing($"{prefix}:CredentialsFile", source.CredentialsFile));
        }
    }

    private static void ValidateIcs(CalendarSourceOptions source, string prefix, List<string> failures)
    {
        var hasPath = !string.IsNullOrWhiteSpace(source.Path);
        var hasUrl = !string.IsNullOrWhiteSpace(source.Url);
        if (hasPath == hasUrl)
        {
            failures.Add(CalendarStrings.PathOrUrl(prefix));
        }
        else if (hasPath && !File.Exists(source.Path))
        {
            failures.Add(CalendarStrings.FileMissing($"{prefix}:Path", source.Path!));
        }
        else if (hasUrl && !SecureUrl.IsHttpsOrLoopback(source.Url))
        {
            // A published feed's address is its password (Google's "secret address"): never in clear text.
            failures.Add(CalendarStrings.BadUrl($"{prefix}:Url", source.Url!));
        }
    }
}
