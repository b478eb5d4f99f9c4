using System.Globalization;
using System.Text.RegularExpressions;

namespace MeetingBot.Reports;

/// <summary>Dates, times and names the way Korean district reports write them (REPORT-FORMAT.md).</summary>
public static partial class KoreanFormat
{
    private static readonly string[] Weekdays = ["일", "월", "화", "수", "목", "금", "토"];

    /// <summary><c>9. 15.(화)</c></summary>
    public static string ShortDate(DateTimeOffset local) =>
        string.Create(CultureInfo.InvariantCulture, $"{local.Month}. {local.Day}.({Weekdays[(int)local.DayOfWeek]})");

    /// <summary><c>2020. 9. 15.(화)</c></summary>
    public static string LongDate(DateTimeOffset local) =>
        string.Create(CultureInfo.InvariantCulture, $"{local.Year}. {ShortDate(local)}");

    /// <summary><c>14:00</c></summary>
    public static string Time(DateTimeOffset local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary><c>15'</c></summary>
    public static string Minutes(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{WholeMinutes(span)}'");

    /// <summary>Minutes as a report counts them: half a minute rounds up, the same in every column.</summary>
    public static int WholeMinutes(TimeSpan span) => (int)Math.Round(span.TotalMinutes, MidpointRounding.AwayFromZero);

    /// <summary><c>김미순 외 6명</c>, or the one name alone.</summary>
    public static string NameAndOthers(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "-",
        1 => names[0],
        _ => string.Create(CultureInfo.InvariantCulture, $"{names[0]} 외 {names.Count - 1}명"),
    };

    /// <summary>
    /// Administration attendees by title, with numbered duplicates folded: <c>담당 주무관1, 담당 주무관2</c> →
    /// <c>담당 주무관 2</c>, as the reference writes them.
    /// </summary>
    public static string Titles(IEnumerable<string> names)
    {
        var groups = new List<(string Name, int Count)>();
        foreach (var name in names)
        {
            var match = NumberedTitle().Match(name);
            var key = match.Success ? match.Groups[1].Value.TrimEnd() : name;
            var at = groups.FindIndex(g => g.Name == key);
            if (at >= 0 && match.Success)
            {
                groups[at] = (key, groups[at].Count + 1);
            }
            else if (at < 0)
            {
                groups.Add((key, match.Success ? 1 : 0));
            }
        }

        return groups.Count == 0
            ? "-"
            : string.Join(", ", groups.Select(g => g.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"{g.Name} {g.Count}") : g.Name));
    }

    [GeneratedRegex(@"^(.*\D)\s*\d+$")]
    private static partial Regex NumberedTitle();
}
