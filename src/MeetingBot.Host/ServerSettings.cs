using System.Reflection;
using MeetingBot.Calendar;
using MeetingBot.Channels.GoogleChat;
using MeetingBot.Channels.Teams;
using MeetingBot.Channels.Transcripts;
using MeetingBot.Host.Api;
using MeetingBot.Host.Services;
using MeetingBot.Reports.Drafting;
using MeetingBot.Storage;

namespace MeetingBot.Host;

/// <summary>The settings the server takes on its command line: <c>--구역:이름=값</c>, for a section it knows.</summary>
public static class ServerSettings
{
    /// <summary>MeetingBot's own sections, then ASP.NET Core's (<c>Urls</c>, <c>Logging</c>, <c>Kestrel</c> …).</summary>
    public static IReadOnlyList<string> Sections { get; } =
    [
        StorageOptions.SectionName, MeetingsOptions.SectionName, TimeboxOptions.SectionName, DraftingOptions.SectionName,
        CalendarOptions.SectionName, TeamsOptions.SectionName, GoogleChatOptions.SectionName, StaffOptions.SectionName, EntraOptions.SectionName,
        ReportsOptions.SectionName, TranscriptsOptions.SectionName, ProxyOptions.SectionName, "Urls", "Logging", "Kestrel", "AllowedHosts",
    ];

    // The host's own keys (environment, contentRoot, applicationName, urls …), read off the hosting constants.
    private static readonly HashSet<string> Known = new(
        Sections.Concat(HostKeys(typeof(HostDefaults))).Concat(HostKeys(typeof(WebHostDefaults))),
        StringComparer.OrdinalIgnoreCase);

    /// <summary><c>--Teams:AppId=…</c> and the like: a section or host key that exists, and a value after <c>=</c>.</summary>
    public static bool IsKnown(string arg)
    {
        ArgumentNullException.ThrowIfNull(arg);
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        if (!arg.StartsWith("--", StringComparison.Ordinal) || eq < 3)
        {
            return false;
        }

        var key = arg[2..eq];
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return Known.Contains(colon < 0 ? key : key[..colon]);
    }

    private static IEnumerable<string> HostKeys(Type defaults) =>
        defaults.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(string))
            .Select(f => (string)f.GetValue(null)!);
}
