using MeetingBot.Core;

namespace MeetingBot.TestSupport;

/// <summary>Finished meetings of any size, for report stress tests and benchmarks.</summary>
public static class GeneratedRecords
{
    private static readonly string[] Remarks =
    [
        "동아리원 모집할 때 영등포에서 일하는 분들도 포함하면 좋겠어요",
        "온라인 교육 플랫폼을 만드는 건 아주 바람직하다고 보고요, 그 안에 채울 내용과 과정이 중요하다고 생각합니다",
        "코로나19로 대면회의가 계속 어려우면 진행 현안을 홈페이지나 SNS로 공유해 주실 수 있을까요?",
        "기반조성 예산이 조금 줄었지만 협치지원관 인건비 예산은 삭감되면 안 됩니다",
    ];

    /// <summary>Text that every output format must escape or clean: markup, XML specials, control characters, emoji.</summary>
    public const string Hostile = "<b>굵게</b> & \"따옴표\" 'x' <![CDATA[ ]]> \u0001\u000B 제어 문자 😀👍 | * _ # ` 끝";

    public static MeetingDefinition Meeting(string id, int items) => new()
    {
        Id = id,
        Council = "영등포구협치회의",
        Subcommittee = "전략사업",
        Title = "영등포구협치회의 분과회의(9월)",
        Start = TestMeetings.Start,
        TimeZoneId = "Asia/Seoul",
        Place = "구청 내 '카페틔움' 회의실 <2층> & 온라인",
        Platform = "Google Meet",
        Participants =
        [
            new("조영윤", Sector.Civil, ParticipantRole.Chair, "user-id-1"),
            new("박서연", Sector.Civil, ParticipantRole.Member, "user-id-2"),
            new("협치조정관", Sector.Admin, ParticipantRole.Staff, "user-id-0"),
        ],
        Agenda = Enumerable.Range(1, items).Select(i => new AgendaItem
        {
            Index = i,
            Section = i == 1 ? "안내" : i == items ? "마무리" : "회의진행",
            Title = $"{i}번 안건: 하반기 주요 협치사업 추진사항 공유",
            Topic = i % 10 == 3 ? "하반기 주요 협치사업" : null,
            Minutes = 5,
            Lead = "(부)분과장",
            Content = i % 2 == 0 ? ["주민을 통해 발굴된 문제를 파악하기 위한 조사 및 연구활동 지원", "- 지역활동가 양성"] : [],
            Table = i == 2 ? new ContentTable(["연번", "사업명", "사업비(천원)"], [["1", "구민과 함께하는 민·관 협치 2.0", "280,000"], ["2", Hostile, ""]]) : null,
        }).ToList(),
    };

    /// <summary>
    /// An ended meeting with <paramref name="entries"/> entries over <paramref name="items"/> items; every tenth entry
    /// carries <see cref="Hostile"/> text, every fiftieth is withdrawn, and <paramref name="longEntries"/> entries are
    /// 8,000 characters long.
    /// </summary>
    public static MeetingRecord Record(int entries, int items = 7, int longEntries = 0, string id = "generated")
    {
        var meeting = Meeting(id, items);
        var start = meeting.Start;
        var runtime = MeetingRuntime.NotStartedFor(meeting) with
        {
            Status = MeetingStatus.Ended,
            StartedAt = start,
            EndedAt = start.AddMinutes(items * 5),
            Items = meeting.Agenda.Select(a => new ItemTiming
            {
                Index = a.Index,
                ActualStart = start.AddMinutes((a.Index - 1) * 5),
                ActualEnd = start.AddMinutes(a.Index * 5),
                Used = TimeSpan.FromMinutes(a.Index % 4 == 0 ? 8 : 5),
                ExtraMinutes = a.Index % 8 == 0 ? 2 : 0,
            }).ToList(),
        };
        var list = Enumerable.Range(1, entries).Select(n => new Entry
        {
            MeetingId = meeting.Id,
            Number = n,
            Kind = n % 97 == 0 ? EntryKind.Decision : (EntryKind)(n % 3),
            ItemIndex = 1 + (n % items),
            Text = n <= longEntries ? LongText(n) : n % 10 == 0 ? $"{Remarks[n % Remarks.Length]} {Hostile}" : Remarks[n % Remarks.Length],
            AuthorName = "박서연",
            AuthorId = "user-id-2",
            SourceId = $"m{n}",
            CapturedAt = start.AddSeconds(n),
            Withdrawn = n % 50 == 0,
        }).ToList();
        return new MeetingRecord(meeting, runtime, list);
    }

    public static string LongText(int seed) =>
        string.Concat(Enumerable.Repeat($"{seed}번째 긴 의견: 협치 사업의 방향과 예산, 주민 참여 방식에 대해 자세히 말씀드립니다. ", 200))[..8000];
}
