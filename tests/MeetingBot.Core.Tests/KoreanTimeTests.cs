using System.Globalization;
using MeetingBot.Core;

namespace MeetingBot.Core.Tests;

/// <summary>The one rounding rule: printed times are truncated to the minute, and a minute figure is their difference.</summary>
public sealed class KoreanTimeTests
{
    private const int Day = 24 * 60;

    private static readonly TimeSpan Seoul = TimeSpan.FromHours(9);

    private static DateTimeOffset At(int hour, int minute, int second, int millisecond = 0, int day = 15) =>
        new(2020, 9, day, hour, minute, second, millisecond, Seoul);

    [Theory]
    [InlineData(14, 4, 59, 999, "14:04")]
    [InlineData(14, 5, 0, 0, "14:05")]
    [InlineData(23, 59, 59, 999, "23:59")]
    [InlineData(0, 0, 0, 0, "00:00")]
    public void Time_TruncatesToTheMinute(int hour, int minute, int second, int millisecond, string printed) =>
        Assert.Equal(printed, KoreanTime.Time(At(hour, minute, second, millisecond)));

    [Fact]
    public void ARangeOfFourAndAHalfMinutes_PrintsTheDifferenceOfItsPrintedTimes() =>
        Assert.Equal("14:00~14:04 (4')", KoreanTime.RangeWithMinutes(At(14, 0, 0), At(14, 4, 30)));

    [Theory]
    [InlineData(0, 0, 2, 30, "14:00~14:02 (2')")]
    [InlineData(0, 40, 3, 10, "14:00~14:03 (3')")]
    [InlineData(0, 59, 3, 29, "14:00~14:03 (3')")]
    public void TwoAndAHalfMinutes_PrintWhatThePrintedTimesSay(int startMinute, int startSecond, int endMinute, int endSecond, string printed)
    {
        var start = At(14, startMinute, startSecond);
        var end = At(14, endMinute, endSecond);

        Assert.Equal(TimeSpan.FromMinutes(2.5), end - start);
        Assert.Equal(printed, KoreanTime.RangeWithMinutes(start, end));
    }

    [Theory]
    [InlineData(0, 59, 1, 0, 1)]
    [InlineData(0, 0, 0, 59, 0)]
    [InlineData(0, 59, 0, 59, 0)]
    [InlineData(0, 1, 1, 0, 1)]
    [InlineData(0, 59, 1, 1, 1)]
    public void MinutesBetween_CountsMinuteBoundariesCrossed(int startMinute, int startSecond, int endMinute, int endSecond, int minutes) =>
        Assert.Equal(minutes, KoreanTime.MinutesBetween(At(14, startMinute, startSecond), At(14, endMinute, endSecond)));

    [Fact]
    public void ARangeAcrossMidnight_CountsOnIntoTheNextDay() =>
        Assert.Equal("23:58~00:03 (5')", KoreanTime.RangeWithMinutes(At(23, 58, 30), At(0, 3, 10, day: 16)));

    [Theory]
    [InlineData("Asia/Seoul")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("Australia/Adelaide")]
    [InlineData("UTC")]
    public void EveryPrintedDuration_IsTheDifferenceOfThePrintedTimes(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var random = new Random(20200915);
        var origin = new DateTimeOffset(2020, 9, 15, 0, 0, 0, TimeSpan.Zero);
        for (var n = 0; n < 20_000; n++)
        {
            // Any tick of a year, then up to three hours on: midnight, minute ends and exact minutes all come up.
            var start = TimeZoneInfo.ConvertTime(origin.AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 365)), zone);
            var length = n % 4 == 0 ? TimeSpan.FromMinutes(random.Next(0, 180)) : TimeSpan.FromTicks(random.NextInt64(TimeSpan.TicksPerHour * 3));
            var end = TimeZoneInfo.ConvertTime(start + length, zone);

            var printed = KoreanTime.RangeWithMinutes(start, end);

            // The clock faces differ by the printed minutes, modulo a day, plus any change of offset (daylight saving).
            var (from, to, minutes) = Parse(printed);
            var faces = (int)(to - from).TotalMinutes - (int)(end.Offset - start.Offset).TotalMinutes;
            Assert.True(minutes == ((faces % Day) + Day) % Day, $"{start:O}~{end:O} printed {printed}");
            Assert.Equal(KoreanTime.Time(start), KoreanTime.Time(KoreanTime.ToMinute(start)));
        }
    }

    [Theory]
    [InlineData(299, 4)]
    [InlineData(300, 5)]
    [InlineData(0, 0)]
    [InlineData(59, 0)]
    public void ABareDuration_PrintsWholeMinutesTruncated(int seconds, int minutes)
    {
        Assert.Equal(minutes, KoreanTime.WholeMinutes(TimeSpan.FromSeconds(seconds)));
        Assert.Equal($"{minutes}'", KoreanTime.Minutes(KoreanTime.WholeMinutes(TimeSpan.FromSeconds(seconds))));
        Assert.Equal($"{minutes}분", KoreanTime.MinutesInWords(KoreanTime.WholeMinutes(TimeSpan.FromSeconds(seconds))));
    }

    [Theory]
    [InlineData(200, "3분 20초")]
    [InlineData(40, "40초")]
    [InlineData(120, "2분")]
    [InlineData(-90, "1분 30초")]
    public void Countdown_KeepsItsSeconds(int seconds, string printed) =>
        Assert.Equal(printed, KoreanTime.Countdown(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Dates_AreWrittenAsTheReportAndTheBotWriteThem()
    {
        var tuesday = At(14, 0, 10);

        Assert.Equal("2020. 9. 15.(화)", KoreanTime.LongDate(tuesday));
        Assert.Equal("9. 15.(화)", KoreanTime.ShortDate(tuesday));
        Assert.Equal("9월 15일(화)", KoreanTime.MonthDay(tuesday));
        Assert.Equal("2020-09-15 14:00", KoreanTime.DateAndTime(tuesday));
        Assert.Equal("2020-09-15 14:00:10", KoreanTime.Timestamp(tuesday));
        Assert.Equal("14:00:10", KoreanTime.TimeToTheSecond(tuesday));
    }

    private static (TimeSpan From, TimeSpan To, int Minutes) Parse(string printed)
    {
        // "HH:mm~HH:mm (N')"
        var from = TimeSpan.ParseExact(printed[..5], @"hh\:mm", CultureInfo.InvariantCulture);
        var to = TimeSpan.ParseExact(printed[6..11], @"hh\:mm", CultureInfo.InvariantCulture);
        var minutes = int.Parse(printed[13..^2], CultureInfo.InvariantCulture);
        return (from, to, minutes);
    }
}
