using MeetingBot.Core;

namespace MeetingBot.TestSupport;

/// <summary>Meeting definitions for tests, shaped like the reference's 전략사업 meeting.</summary>
public static class TestMeetings
{
    /// <summary>The chat ids of <see cref="Strategy"/>'s participants, by role.</summary>
    public const string ChairId = "user-id-1";
    public const string MemberId = "user-id-2";
    public const string ViceChairId = "user-id-4";
    public const string StaffId = "user-id-0";

    public static readonly DateTimeOffset Start = new(2020, 9, 15, 14, 0, 0, TimeSpan.FromHours(9));

    public static MeetingDefinition Strategy(string id = "ydp-2020-09-strategy") => new()
    {
        Id = id,
        Council = "영등포구협치회의",
        Subcommittee = "전략사업",
        Title = "영등포구협치회의 분과회의(9월)",
        Start = Start,
        TimeZoneId = "Asia/Seoul",
        Place = "구청 내 '카페틔움' 회의실",
        Platform = "Google Meet",
        JoinUrl = "https://meet.google.com/ydp-strt-915",
        Purpose = "의견 청취를 위한 분과회의를 화상회의 방식으로 개최하고 그 결과를 보고드림.",
        Participants =
        [
            new("조영윤", Sector.Civil, ParticipantRole.Chair, "user-id-1"),
            new("박서연", Sector.Civil, ParticipantRole.Member, "user-id-2"),
            new("이준호", Sector.Civil, ParticipantRole.Member, "user-id-3"),
            new("최부장", Sector.Civil, ParticipantRole.ViceChair, "user-id-4"),
            new("협치조정관", Sector.Admin, ParticipantRole.Staff, "user-id-0"),
            new("참관인", Sector.Civil, ParticipantRole.Observer, "user-id-9"),
        ],
        Agenda =
        [
            new AgendaItem { Index = 1, Section = "안내", Title = "참석자 소개 및 인사", Minutes = 5, Lead = "(부)분과장" },
            new AgendaItem { Index = 2, Section = "회의진행", Title = "2021 지역사회혁신계획 최종 수립 보고", Minutes = 15, Lead = "협치조정관", Content = ["사업규모: 8.5억", "- 전체 사업예산 15% 감액 편성"] },
            new AgendaItem { Index = 3, Section = "회의진행", Topic = "하반기 주요 협치사업 추진사항 공유", Title = "2020 협치동아리 운영", Minutes = 5, Lead = "(부)분과장" },
            new AgendaItem { Index = 4, Section = "마무리", Title = "향후 협치회의 일정 안내", Minutes = 10, Lead = "(부)분과장" },
        ],
    };
}
