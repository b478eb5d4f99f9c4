using System.Text;
using System.Text.RegularExpressions;

namespace MeetingBot.Calendar.Ics;

/// <summary>
/// A line-level view of an iCalendar text, used only when the whole file does not parse: it cuts the file into
/// its top-level components so that one broken event can be skipped and the rest kept.
/// </summary>
internal sealed partial class IcsComponents
{
    private IcsComponents()
    {
    }

    public bool HasCalendar { get; private set; }

    /// <summary>The VCALENDAR's own property lines (VERSION, PRODID, X-WR-TIMEZONE, …), without BEGIN/END.</summary>
    public List<string> Header { get; } = [];

    public List<Block> TimeZones { get; } = [];

    public List<Block> Events { get; } = [];

    /// <summary>VEVENTs that ran into the next VEVENT or the end of the calendar without their END line.</summary>
    public List<Block> Unterminated { get; } = [];

    [GeneratedRegex(@"\r?\n[ \t]")]
    private static partial Regex Fold();

    [GeneratedRegex(@"^\s*BEGIN:VCALENDAR\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex CalendarStart();

    public static bool LooksLikeCalendar(string text) => CalendarStart().IsMatch(text);

    public static IcsComponents Split(string text)
    {
        var result = new IcsComponents();
        var lines = Fold().Replace(text, "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var inCalendar = false;
        Block? current = null;
        var depth = 0;

        foreach (var line in lines)
        {
            if (!inCalendar)
            {
                if (Is(line, "BEGIN", "VCALENDAR"))
                {
                    inCalendar = true;
                    result.HasCalendar = true;
                }

                continue;
            }

            if (current is null)
            {
                if (Is(line, "END", "VCALENDAR"))
                {
                    inCalendar = false;
                }
                else if (ComponentName(line, "BEGIN") is { } name)
                {
                    current = new Block(name);
                    current.Lines.Add(line);
                    depth = 1;
                }
                else
                {
                    result.Header.Add(line);
                }

                continue;
            }

            var restart = Is(line, "BEGIN", "VEVENT") && current.IsEvent;
            if (restart || Is(line, "END", "VCALENDAR"))
            {
                result.Unterminated.Add(current);
                current = null;
                if (restart)
                {
                    current = new Block("VEVENT");
                    current.Lines.Add(line);
                    depth = 1;
                }
                else
                {
                    inCalendar = false;
                }

                continue;
            }

            current.Lines.Add(line);
            if (ComponentName(line, "BEGIN") is not null)
            {
                depth++;
            }
            else if (ComponentName(line, "END") is not null && --depth == 0)
            {
                (current.IsEvent ? result.Events : current.Name.Equals("VTIMEZONE", StringComparison.OrdinalIgnoreCase) ? result.TimeZones : null)?.Add(current);
                current = null;
            }
        }

        if (current is not null)
        {
            result.Unterminated.Add(current);
        }

        return result;
    }

    /// <summary>A calendar holding the header, the time zones and the given blocks.</summary>
    public string Compose(IEnumerable<Block> blocks, bool withTimeZones = true)
    {
        var text = new StringBuilder("BEGIN:VCALENDAR\r\n");
        foreach (var line in Header)
        {
            text.Append(line).Append("\r\n");
        }

        foreach (var block in (withTimeZones ? TimeZones : []).Concat(blocks))
        {
            foreach (var line in block.Lines)
            {
                text.Append(line).Append("\r\n");
            }
        }

        return text.Append("END:VCALENDAR\r\n").ToString();
    }

    private static bool Is(string line, string keyword, string component) =>
        ComponentName(line, keyword) is { } name && name.Equals(component, StringComparison.OrdinalIgnoreCase);

    private static string? ComponentName(string line, string keyword) =>
        line.Length > keyword.Length + 1
        && line.StartsWith(keyword, StringComparison.OrdinalIgnoreCase)
        && line[keyword.Length] == ':'
            ? line[(keyword.Length + 1)..].Trim()
            : null;

    internal sealed class Block(string name)
    {
        public string Name { get; } = name;

        public List<string> Lines { get; } = [];

        public bool IsEvent => Name.Equals("VEVENT", StringComparison.OrdinalIgnoreCase);

        public string? Uid => Value("UID");

        public string? Summary => Value("SUMMARY");

        /// <summary>How a user recognises the entry: its title and UID as written in the file.</summary>
        public string Describe() => IcsReader.Describe(Uid, Summary);

        private string? Value(string property)
        {
            // Only the component's own lines: a VALARM inside has a SUMMARY of its own.
            var depth = 0;
            foreach (var line in Lines.Skip(1))
            {
                if (ComponentName(line, "BEGIN") is not null)
                {
                    depth++;
                }
                else if (ComponentName(line, "END") is not null)
                {
                    depth--;
                }
                else if (depth == 0
                         && line.StartsWith(property, StringComparison.OrdinalIgnoreCase)
                         && line.Length > property.Length
                         && line[property.Length] is ':' or ';')
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    return colon < 0 ? null : line[(colon + 1)..].Replace("\\,", ",", StringComparison.Ordinal).Replace("\\;", ";", StringComparison.Ordinal);
                }
            }

            return null;
        }
    }
}
