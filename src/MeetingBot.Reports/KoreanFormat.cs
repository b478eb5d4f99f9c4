using System.Globalization;
using System.Text.RegularExpressions;

namespace MeetingBot.Reports;

/// <summary>
/// Names the way Korean district reports write them (REPORT-FORMAT.md). Times, minutes and dates are
/// <see cref="MeetingBot.Core.KoreanTime"/>'s, shared with the chat and the staff page.
/// </summary>
public static partial class KoreanFormat
{
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
