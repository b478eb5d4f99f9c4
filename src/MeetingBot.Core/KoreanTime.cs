using System.Globalization;

namespace MeetingBot.Core;

/// <summary>
/// Times, durations and dates the way the bot, the report and the staff page print them, with one rounding rule
/// (SPEC §6): an instant is printed truncated to its minute (14:04:59 prints 14:04), and a minute figure printed
/// beside two times is the difference of the printed times, so 14:00:00~14:04:30 prints <c>14:00~14:04 (4')</c>.
/// A bare duration (planned minutes, an extension, an overrun) is printed in whole minutes by the same rule:
/// truncated. Arguments named <c>local</c> are already in the meeting's zone.
/// </summary>
public static class KoreanTime
{
    private const string Weekdays = "일월화수목금토";

    /// <summary>The instant truncated to its minute: the rule everything printed here is computed on.</summary>
    public static DateTimeOffset ToMinute(DateTimeOffset instant) =>
        new(instant.Ticks - (instant.Ticks % TimeSpan.TicksPerMinute), instant.Offset);

    /// <summary>
    /// Minutes between two instants as their printed times show them: the truncated end less the truncated start.
    /// Counted in elapsed time, so it holds across midnight (and across a change of UTC offset, where the clock faces
    /// would differ by the change).
    /// </summary>
    public static int MinutesBetween(DateTimeOffset start, DateTimeOffset end) =>
        (int)((ToMinute(end).UtcTicks - ToMinute(start).UtcTicks) / TimeSpan.TicksPerMinute);

    /// <summary>A bare duration in whole minutes: truncated, as instants are (4:59 is 4).</summary>
    public static int WholeMinutes(TimeSpan span) => (int)Math.Floor(span.TotalMinutes);

    /// <summary><c>14:00</c></summary>
    public static string Time(DateTimeOffset local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary><c>14:00:10</c>, for records of when something happened, not for figures.</summary>
    public static string TimeToTheSecond(DateTimeOffset local) => local.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary><c>14:00~14:20</c>; <c>14:00~</c> while it has not ended.</summary>
    public static string Range(DateTimeOffset localStart, DateTimeOffset? localEnd) =>
        $"{Time(localStart)}~{(localEnd is { } end ? Time(end) : "")}";

    /// <summary><c>14:00~14:04 (4')</c>: the minutes are the difference of the printed times.</summary>
    public static string RangeWithMinutes(DateTimeOffset localStart, DateTimeOffset localEnd) =>
        $"{Range(localStart, localEnd)} ({Minutes(MinutesBetween(localStart, localEnd))})";

    /// <summary>
    /// <c>14:00~14:10, 14:20~14:25</c>: every visit of an item in <paramref name="zone"/>, the last one <c>14:40~</c>
    /// while it lasts.
    /// </summary>
    public static string Visits(IEnumerable<ItemVisit> visits, TimeZoneInfo zone) =>
        string.Join(", ", visits.Select(v => Range(TimeZoneInfo.ConvertTime(v.Start, zone), v.End is { } end ? TimeZoneInfo.ConvertTime(end, zone) : null)));

    /// <summary><c>일시정지 3'</c>: paused minutes, said beside the visits they were taken from.</summary>
    public static string Paused(int minutes) => $"일시정지 {Minutes(minutes)}";

    /// <summary><c>15'</c>, as agendas and the report write minutes.</summary>
    public static string Minutes(int minutes) => string.Create(CultureInfo.InvariantCulture, $"{minutes}'");

    /// <summary><c>15분</c>, as the bot says minutes in a sentence.</summary>
    public static string MinutesInWords(int minutes) => string.Create(CultureInfo.InvariantCulture, $"{minutes}분");

    /// <summary>
    /// Time left or over on a running clock, to the second (<c>3분 20초</c>, <c>40초</c>, <c>2분</c>): a countdown is
    /// never printed beside clock times, so it keeps its seconds.
    /// </summary>
    public static string Countdown(TimeSpan span)
    {
        span = span.Duration();
        var minutes = (int)span.TotalMinutes;
        var seconds = span.Seconds.ToString(CultureInfo.InvariantCulture);
        return span.Seconds == 0 ? MinutesInWords(minutes) : minutes == 0 ? $"{seconds}초" : $"{MinutesInWords(minutes)} {seconds}초";
    }

    /// <summary><c>9. 15.(화)</c>, as the report writes a date.</summary>
    public static string ShortDate(DateTimeOffset local) =>
        string.Create(CultureInfo.InvariantCulture, $"{local.Month}. {local.Day}.({Weekday(local)})");

    /// <summary><c>2020. 9. 15.(화)</c></summary>
    public static string LongDate(DateTimeOffset local) =>
        string.Create(CultureInfo.InvariantCulture, $"{local.Year}. {ShortDate(local)}");

    /// <summary><c>9월 15일(화)</c>, as the bot says a date in a sentence.</summary>
    public static string MonthDay(DateTimeOffset local) =>
        string.Create(CultureInfo.InvariantCulture, $"{local.Month}월 {local.Day}일({Weekday(local)})");

    /// <summary><c>2020-09-15 14:00</c>, for one-line listings (e.g. <c>calendar list</c>).</summary>
    public static string DateAndTime(DateTimeOffset local) => local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary><c>2020-09-15 14:00:10</c>, for records such as the replay transcript.</summary>
    public static string Timestamp(DateTimeOffset local) => local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static char Weekday(DateTimeOffset local) => Weekdays[(int)local.DayOfWeek];
}
