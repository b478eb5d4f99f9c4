using System.Text;

namespace MeetingBot.Host.Tests.Scheduling;

/// <summary>
/// The council's calendar as Google Calendar exports it (ICS): 전략사업 weekly on Tuesdays, 협치기반조성 on Monday
/// 14 September (or wherever a test moves it), 역량강화 on Tuesday 15 September (cancelled unless a test says otherwise).
/// </summary>
internal static class SubcommitteeCalendar
{
    public const string StrategySpace = "spaces/AAAAstrategy";
    public const string FoundationSpace = "spaces/AAAAfoundation";
    public const string CapacitySpace = "spaces/AAAAcapacity";

    public static string Ics(
        string foundationStart = "20200914T140000",
        string foundationEnd = "20200914T160000",
        int foundationSequence = 0,
        bool capacityCancelled = true,
        string capacityStart = "20200915T103000",
        bool withFoundation = true,
        bool withCapacity = true,
        string? extraEvent = null)
    {
        var sb = new StringBuilder();
        sb.Append("""
            BEGIN:VCALENDAR
            PRODID:-//Google Inc//Google Calendar 70.9054//EN
            VERSION:2.0
            CALSCALE:GREGORIAN
            METHOD:PUBLISH
            X-WR-CALNAME:영등포구협치회의
            X-WR-TIMEZONE:Asia/Seoul
            BEGIN:VTIMEZONE
            TZID:Asia/Seoul
            X-LIC-LOCATION:Asia/Seoul
            BEGIN:STANDARD
            TZOFFSETFROM:+0900
            TZOFFSETTO:+0900
            TZNAME:KST
            DTSTART:19700101T000000
            END:STANDARD
            END:VTIMEZONE
            BEGIN:VEVENT
            DTSTART;TZID=Asia/Seoul:20200915T140000
            DTEND;TZID=Asia/Seoul:20200915T155000
            RRULE:FREQ=WEEKLY;WKST=SU;COUNT=3;BYDAY=TU
            DTSTAMP:20200910T020000Z
            UID:strategy-weekly@ydp.example
            X-GOOGLE-CONFERENCE:https://meet.google.com/ydp-strt-915
            DESCRIPTION:전략사업 분과 정기회의입니다.\nchat: spaces/AAAAstrategy
            SEQUENCE:0
            STATUS:CONFIRMED
            SUMMARY:전략사업 분과회의
            END:VEVENT

            """);
        if (withFoundation)
        {
            sb.Append($"""
                BEGIN:VEVENT
                DTSTART;TZID=Asia/Seoul:{foundationStart}
                DTEND;TZID=Asia/Seoul:{foundationEnd}
                DTSTAMP:20200910T020000Z
                UID:foundation-0914@ydp.example
                DESCRIPTION:협치기반조성 분과회의\nmeetingbot: ydp-2020-09-foundation\nchat: spaces/AAAAfoundation
                SEQUENCE:{foundationSequence}
                STATUS:CONFIRMED
                SUMMARY:협치기반조성 분과회의
                END:VEVENT

                """);
        }

        if (withCapacity)
        {
            sb.Append($"""
                BEGIN:VEVENT
                DTSTART;TZID=Asia/Seoul:{capacityStart}
                DTEND;TZID=Asia/Seoul:20200915T120000
                DTSTAMP:20200910T020000Z
                UID:capacity-0915@ydp.example
                DESCRIPTION:역량강화 분과회의\nmeetingbot: ydp-2020-09-capacity\nchat: spaces/AAAAcapacity
                SEQUENCE:1
                STATUS:{(capacityCancelled ? "CANCELLED" : "CONFIRMED")}
                SUMMARY:역량강화 분과회의
                END:VEVENT

                """);
        }

        if (extraEvent is not null)
        {
            sb.Append(extraEvent).Append('\n');
        }

        sb.Append("END:VCALENDAR\n");
        return sb.ToString();
    }
}
