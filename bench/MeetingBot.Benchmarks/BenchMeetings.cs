using MeetingBot.Core;

namespace MeetingBot.Benchmarks;

internal static class BenchMeetings
{
    public static MeetingDefinition Strategy(string id, int items = 7) => new()
    {
        Id = id,
        Council = "영등포구협치회의",
        Subcommittee = "전략사업",
        Title = "영등포구협치회의 분과회의(9월)",
        Start = new DateTimeOffset(2020, 9, 15, 14, 0, 0, TimeSpan.FromHours(9)),
        TimeZoneId = "Asia/Seoul",
        Place = "구청 내 '카페틔움' 회의실",
        Platform = "Google Meet",
        Participants =
        [
            new("조영윤", Sector.Civil, ParticipantRole.Chair, "user-id-1"),
            new("박서연", Sector.Civil, ParticipantRole.Member, "user-id-2"),
            new("이준호", Sector.Civil, ParticipantRole.Member, "user-id-3"),
            new("협치조정관", Sector.Admin, ParticipantRole.Staff, "user-id-0"),
        ],
        Agenda = Enumerable.Range(1, items).Select(i => new AgendaItem
        {
            Index = i,
            Section = i == 1 ? "안내" : "회의진행",
            Title = $"{i}번 안건: 하반기 주요 협치사업 추진사항 공유",
            Minutes = 5,
            Lead = "(부)분과장",
            Content = ["주민을 통해 발굴된 문제를 파악하기 위한 조사 및 연구활동 지원"],
        }).ToList(),
    };

    private static readonly string[] Remarks =
    [
        "동아리원 모집할 때 영등포에서 일하는 분들도 포함하면 좋겠어요",
        "온라인 교육 플랫폼을 만드는 건 아주 바람직하다고 보고요, 그 안에 채울 내용과 과정이 중요하다고 생각합니다",
        "코로나19로 대면회의가 계속 어려우면 진행 현안을 홈페이지나 SNS로 공유해 주실 수 있을까요?",
        "기반조성 예산이 조금 줄었지만 협치지원관 인건비 예산은 삭감되면 안 됩니다",
    ];

    /// <summary>A finished meeting with <paramref name="entries"/> entries spread over its items.</summary>
    public static MeetingRecord Record(int entries, int items = 7, int textLength = 0)
    {
        var meeting = Strategy("bench-report", items);
        var start = meeting.Start;
        var runtime = MeetingRuntime.NotStartedFor(meeting) with
        {
            Status = MeetingStatus.Ended,
            StartedAt = start,
            EndedAt = start.AddMinutes(items * 5),
            Items = meeting.Agenda.Select(a => new ItemTiming { Index = a.Index, ActualStart = start.AddMinutes((a.Index - 1) * 5), ActualEnd = start.AddMinutes(a.Index * 5), Used = TimeSpan.FromMinutes(5) }).ToList(),
        };
        var list = Enumerable.Range(1, entries).Select(n => new Entry
        {
            MeetingId = meeting.Id,
            Number = n,
            Kind = (EntryKind)(n % 3),
            ItemIndex = 1 + (n % items),
            Text = textLength > 0 ? string.Concat(Enumerable.Repeat(Remarks[n % Remarks.Length], (textLength / 40) + 1))[..textLength] : Remarks[n % Remarks.Length],
            AuthorName = "박서연",
            SourceId = $"m{n}",
            CapturedAt = start.AddSeconds(n),
        }).ToList();
        return new MeetingRecord(meeting, runtime, list);
    }
}
