using System.Globalization;
using System.Text.RegularExpressions;

namespace MeetingBot.Yaml;

/// <summary>
/// ISO-8601 date-time with an explicit offset (<c>2020-09-15T14:00:00+09:00</c> or <c>…Z</c>). Without an offset the
/// instant would depend on the machine's zone, which is exactly the ambiguity these files must not have.
/// </summary>
internal static partial class IsoInstant
{
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return Shape().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
