using MeetingBot.Core;

namespace MeetingBot.Calendar.Tests;

public sealed class EventMatcherTests
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    private static readonly DateTimeOffset StrategyStart = new(2020, 9, 15, 14, 0, 0, Kst);

    private static readonly MeetingDefinition Strategy = Meeting("ydp-2020-09-strategy", StrategyStart, "https://meet.google.com/ydp-strt-915");

    private static readonly MeetingDefinition Urban = Meeting(
        "ydp-2020-09-urban",
        new DateTimeOffset(2020, 9, 16, 10, 0, 0, Kst),
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ2ZDM4YzEt%40thread.v2/0?context=%7b%22Tid%22%7d");

    private static readonly MeetingDefinition WelfareTemplate = Meeting("ydp-welfare", new DateTimeOffset(2020, 1, 7, 15, 0, 0, Kst), null);

    private static readonly TitleTemplate Welfare = new("^복지 분과(회의)?", WelfareTemplate);

    [Fact]
    public void Meeting_id_written_in_the_event_wins_over_every_other_rule()
    {
        var calendarEvent = Event("아무 제목", StrategyStart.AddDays(3), joinUrl: Urban.JoinUrl, hint: "ydp-2020-09-strategy");

        var match = EventMatcher.Match(calendarEvent, [Strategy, Urban], [Welfare]);

        Assert.Equal(MatchRule.Hint, match.Rule);
        Assert.Equal("ydp-2020-09-strategy", match.MeetingId);
        Assert.Same(Strategy, match.Meeting);
    }

    [Fact]
    public void Meeting_id_naming_a_template_instantiates_it_on_the_event_date()
    {
        var calendarEvent = Event("9월 정기회의", new DateTimeOffset(2020, 9, 8, 15, 30, 0, Kst), hint: "ydp-welfare");

        var match = EventMatcher.Match(calendarEvent, [Strategy], [Welfare]);

        Assert.Equal(MatchRule.Hint, match.Rule);
        Assert.Equal("ydp-welfare-20200908", match.MeetingId);
    }

    [Fact]
    public void Meeting_id_naming_no_meeting_is_unmatched_with_the_reason_and_not_guessed_by_title()
    {
        var calendarEvent = Event("복지 분과회의", StrategyStart, hint: "ydp-typo");

        var match = EventMatcher.Match(calendarEvent, [Strategy], [Welfare]);

        Assert.False(match.IsMatched);
        Assert.Equal(MatchRule.None, match.Rule);
        Assert.Contains("ydp-typo", match.Reason);
    }

    [Theory]
    [InlineData("https://meet.google.com/ydp-strt-915")]
    [InlineData("https://meet.google.com/ydp-strt-915/")]
    [InlineData("https://MEET.Google.com/ydp-strt-915?authuser=1")]
    [InlineData("https://meet.google.com/YDP-STRT-915")]
    public void Join_link_matches_ignoring_trailing_slash_host_case_and_query(string joinUrl)
    {
        var match = EventMatcher.Match(Event("전략사업", StrategyStart, joinUrl: joinUrl), [Urban, Strategy], []);

        Assert.Equal(MatchRule.JoinUrl, match.Rule);
        Assert.Equal("ydp-2020-09-strategy", match.MeetingId);
    }

    [Fact]
    public void Teams_join_link_matches_with_different_escaping_and_context()
    {
        var joinUrl = "https://teams.microsoft.com/l/meetup-join/19:meeting_NjQ2ZDM4YzEt@thread.v2/0?context=%7B%22Tid%22%3A%22other%22%7D";

        var match = EventMatcher.Match(Event("도시재생", Urban.Start, joinUrl: joinUrl), [Strategy, Urban], []);

        Assert.Equal("ydp-2020-09-urban", match.MeetingId);
    }

    [Fact]
    public void Teams_thread_id_is_compared_with_its_case()
    {
        var joinUrl = Urban.JoinUrl!.Replace("NjQ2ZDM4YzEt", "njq2zdm4yzet", StringComparison.Ordinal);

        var match = EventMatcher.Match(Event("도시재생", Urban.Start, joinUrl: joinUrl), [Urban], []);

        Assert.False(match.IsMatched);
    }

    [Fact]
    public void Join_link_of_a_meeting_on_another_date_is_unmatched_with_the_reason()
    {
        var nextMonth = Event("전략사업 분과회의", StrategyStart.AddDays(28), joinUrl: Strategy.JoinUrl);

        var match = EventMatcher.Match(nextMonth, [Strategy], []);

        Assert.False(match.IsMatched);
        Assert.Contains("ydp-2020-09-strategy", match.Reason);
    }

    [Fact]
    public void Join_link_shared_by_two_meetings_on_the_same_date_is_unmatched()
    {
        var twin = Strategy with { Id = "ydp-2020-09-strategy-b", Start = StrategyStart.AddHours(2) };

        var match = EventMatcher.Match(Event("전략사업", StrategyStart, joinUrl: Strategy.JoinUrl), [Strategy, twin], []);

        Assert.False(match.IsMatched);
        Assert.Contains("ydp-2020-09-strategy-b", match.Reason);
    }

    [Fact]
    public void Title_matching_a_template_makes_a_meeting_on_the_event_date_from_the_template()
    {
        var start = new DateTimeOffset(2020, 9, 22, 5, 0, 0, TimeSpan.Zero);
        var calendarEvent = Event("복지 분과회의 (9월)", start, joinUrl: "https://meet.google.com/wel-fare-922");

        var match = EventMatcher.Match(calendarEvent, [Strategy, Urban], [Welfare]);

        Assert.Equal(MatchRule.TitleTemplate, match.Rule);
        var meeting = match.Meeting!;
        Assert.Equal("ydp-welfare-20200922", meeting.Id);
        Assert.Equal(new DateTimeOffset(2020, 9, 22, 14, 0, 0, Kst), meeting.Start);
        Assert.Equal(Kst, meeting.Start.Offset);
        Assert.Equal("https://meet.google.com/wel-fare-922", meeting.JoinUrl);
        Assert.Equal(WelfareTemplate.Title, meeting.Title);
        Assert.Equal(WelfareTemplate.Subcommittee, meeting.Subcommittee);
        Assert.Same(WelfareTemplate.Agenda, meeting.Agenda);
        Assert.Same(WelfareTemplate.Participants, meeting.Participants);
        Assert.Equal("ydp-welfare", WelfareTemplate.Id);
    }

    [Fact]
    public void Template_date_is_the_local_date_of_the_template_zone()
    {
        // 23:30 UTC on the 21st is 08:30 on the 22nd in Seoul.
        var calendarEvent = Event("복지 분과", new DateTimeOffset(2020, 9, 21, 23, 30, 0, TimeSpan.Zero));

        var match = EventMatcher.Match(calendarEvent, [], [Welfare]);

        Assert.Equal("ydp-welfare-20200922", match.MeetingId);
    }

    [Fact]
    public void Template_instance_already_among_the_definitions_is_returned_as_stored()
    {
        var stored = WelfareTemplate with { Id = "ydp-welfare-20200922", Place = "복지관 2층", Start = new DateTimeOffset(2020, 9, 22, 14, 0, 0, Kst) };

        var match = EventMatcher.Match(Event("복지 분과회의", new DateTimeOffset(2020, 9, 22, 14, 0, 0, Kst)), [stored], [Welfare]);

        Assert.Same(stored, match.Meeting);
    }

    [Fact]
    public void Title_matching_two_templates_is_unmatched_not_guessed()
    {
        var other = new TitleTemplate("분과회의", WelfareTemplate with { Id = "ydp-any" });

        var match = EventMatcher.Match(Event("복지 분과회의", StrategyStart), [], [Welfare, other]);

        Assert.False(match.IsMatched);
        Assert.Contains("ydp-any", match.Reason);
        Assert.Contains("ydp-welfare", match.Reason);
    }

    [Fact]
    public void Event_no_rule_fits_is_listed_as_unmatched()
    {
        var events = new[]
        {
            Event("전략사업", StrategyStart, joinUrl: Strategy.JoinUrl),
            Event("구청장 면담", StrategyStart.AddDays(1)),
        };

        var report = EventMatcher.MatchAll(events, [Strategy], [Welfare]);

        Assert.Equal("ydp-2020-09-strategy", Assert.Single(report.Matched).MeetingId);
        var unmatched = Assert.Single(report.Unmatched);
        Assert.Equal("구청장 면담", unmatched.Event.Title);
        Assert.False(string.IsNullOrWhiteSpace(unmatched.Reason));
    }

    [Fact]
    public void Invalid_title_pattern_is_a_domain_error_naming_the_pattern()
    {
        var error = Assert.Throws<MeetingBotException>(() => new TitleTemplate("복지 (분과", WelfareTemplate));

        Assert.Contains("복지 (분과", error.Message);
        Assert.Equal("titlePattern", error.Field);
    }

    private static CalendarEvent Event(string title, DateTimeOffset start, string? joinUrl = null, string? hint = null) =>
        new("캘린더", $"evt-{start.UtcTicks}", title, start, start.AddHours(2), "Asia/Seoul", null, null, joinUrl, hint, null, Cancelled: false);

    private static MeetingDefinition Meeting(string id, DateTimeOffset start, string? joinUrl) => new()
    {
        Id = id,
        Council = "영등포구협치회의",
        Subcommittee = id.Contains("welfare", StringComparison.Ordinal) ? "복지" : "전략사업",
        Title = "영등포구협치회의 분과회의",
        Start = start,
        TimeZoneId = "Asia/Seoul",
        JoinUrl = joinUrl,
        Participants = [new Participant("조영윤", Sector.Civil, ParticipantRole.Chair, "user-id-1")],
        Agenda = [new AgendaItem { Index = 1, Section = "안내", Title = "참석자 소개 및 인사", Minutes = 5 }],
    };
}
