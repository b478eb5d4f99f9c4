using System.Net;
using System.Text.RegularExpressions;

namespace MeetingBot.Calendar;

/// <summary>
/// Reads what staff write into an event by hand: join links, the <c>meetingbot: &lt;id&gt;</c> line and the
/// <c>chat: spaces/…</c> line. Descriptions come as plain text (ICS) or as HTML (Google Calendar, Outlook),
/// so both forms are read.
/// </summary>
public static partial class EventText
{
    /// <summary>A Teams meeting link; it ends at whitespace, quotes or angle brackets (Outlook writes <c>&lt;url&gt;</c>).</summary>
    [GeneratedRegex("""https://teams\.microsoft\.com/l/meetup-join/[^\s"'<>]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TeamsLink();

    [GeneratedRegex("""https://meet\.google\.com/[^\s"'<>()]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MeetLink();

    [GeneratedRegex("""^[ \t]*meetingbot[ \t]*[:：][ \t]*(?<id>[a-z0-9][a-z0-9-]*)[ \t]*$""", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MeetingIdLine();

    [GeneratedRegex("""^[ \t]*chat[ \t]*[:：][ \t]*(?<space>spaces/[A-Za-z0-9_-]+)[ \t]*$""", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ChatSpaceLine();

    [GeneratedRegex("""<\s*br\s*/?\s*>|</\s*(p|div|li|tr|h[1-6])\s*>""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreakTags();

    [GeneratedRegex("""<[^>]*>""", RegexOptions.CultureInvariant)]
    private static partial Regex AnyTag();

    /// <summary>The first Teams meeting link in any of the texts, in the order given.</summary>
    public static string? FindTeamsLink(params ReadOnlySpan<string?> texts) => FindFirst(TeamsLink(), texts);

    /// <summary>The first Google Meet link in any of the texts, in the order given.</summary>
    public static string? FindMeetLink(params ReadOnlySpan<string?> texts) => FindFirst(MeetLink(), texts);

    /// <summary>The meeting id of a <c>meetingbot: &lt;id&gt;</c> line, lower-cased as meeting ids are.</summary>
    public static string? FindMeetingIdHint(string? description)
    {
        var match = MeetingIdLine().Match(ToPlainText(description));
        return match.Success ? match.Groups["id"].Value.ToLowerInvariant() : null;
    }

    /// <summary>The Google Chat space of a <c>chat: spaces/…</c> line.</summary>
    public static string? FindChatSpace(string? description)
    {
        var match = ChatSpaceLine().Match(ToPlainText(description));
        return match.Success ? match.Groups["space"].Value : null;
    }

    /// <summary>HTML descriptions reduced to lines of text: line-ending tags become newlines, other tags vanish, entities are decoded.</summary>
    public static string ToPlainText(string? description)
    {
        if (string.IsNullOrEmpty(description))
        {
            return "";
        }

        var text = description.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = AnyTag().Replace(LineBreakTags().Replace(text, "\n"), "");
        }

        return WebUtility.HtmlDecode(text);
    }

    private static string? FindFirst(Regex pattern, ReadOnlySpan<string?> texts)
    {
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            // Links inside href="…" carry HTML entities (&amp;), so decode before matching.
            var match = pattern.Match(text.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(text) : text);
            if (match.Success)
            {
                return match.Value.TrimEnd('.', ',', ';', ')', ']', '>');
            }
        }

        return null;
    }
}
