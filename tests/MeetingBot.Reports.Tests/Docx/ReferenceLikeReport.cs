namespace MeetingBot.Reports.Tests.Docx;

/// <summary>
/// A report laid out by hand from blocks to look like the reference 결과 보고 (2020-09 subcommittee meetings):
/// title, Ⅰ–Ⅲ headings, the overview table with row and column spans, the agenda table, the seven-row
/// project table, and ❍/-/▸/※ paragraphs at levels 0–3.
/// </summary>
internal static class ReferenceLikeReport
{
    public const string Title = "영등포구협치회의 분과회의(9월) 개최 결과 보고";

    public static readonly HeadingBlock Overview = new("Ⅰ", "개 최 개 요");
    public static readonly HeadingBlock Contents = new("Ⅱ", "주요 회의내용");
    public static readonly HeadingBlock Photos = new("Ⅲ", "회 의 사 진");

    public static readonly ParagraphBlock LongOpinion = new(2, "▸",
        "서울시 전체적으로 예산이 20% 가량 삭감이 이뤄지는 것으로 알고 있는데 우리 협치사업은 15%만 삭감이 되어 한편으로 다행으로 생각함.");

    /// <summary>분과 / 일시 / 참여자(민간, 행정) / 장소: 5 columns, 5 rows, 참여자 spans two rows.</summary>
    public static readonly TableBlock OverviewTable = new(
        [
            new TableRow([new TableCell("분  과", ColSpan: 2, Header: true), new TableCell("협치기반조성", Header: true),
                new TableCell("역량강화", Header: true), new TableCell("전략사업", Header: true)]),
            new TableRow([new TableCell("일  시", ColSpan: 2, Header: true), new TableCell("9. 14.(월) 14:00"),
                new TableCell("9. 15.(화) 10:30"), new TableCell("9. 15.(화) 14:00")]),
            new TableRow([new TableCell("참\n여\n자", RowSpan: 2, Header: true), new TableCell("민간", Header: true),
                new TableCell("김미순 외 6명"), new TableCell("임채휘 외 3명"), new TableCell("조영윤 외 4명")]),
            new TableRow([new TableCell("행정", Header: true),
                new TableCell("지역협치팀장, 담당 주무관 2, 협치조정관, 협치지원관", ColSpan: 3)]),
            new TableRow([new TableCell("장  소", ColSpan: 2, Header: true),
                new TableCell("구청 내 ‘카페틔움’ 회의실(민간위원 중 각 분과 대표자만 오프라인 참석)", ColSpan: 3)]),
        ],
        [5, 7, 29, 29, 30]);

    public static readonly TableBlock AgendaTable = new(
        [
            new TableRow([new TableCell("시 간", ColSpan: 2, Header: true), new TableCell("주 요 내 용", Header: true),
                new TableCell("진 행", Header: true)]),
            new TableRow([new TableCell("안내"), new TableCell("14:00~14:05\n5'"),
                new TableCell("참석자 소개 및 인사"), new TableCell("(부)분과장")]),
            new TableRow([new TableCell("회의\n진행", RowSpan: 2), new TableCell("14:05~14:20\n15'"),
                new TableCell("‣ PT보고\n  ‧ 2021 지역사회혁신계획 최종 수립 보고 등"), new TableCell("협치조정관")]),
            new TableRow([new TableCell("14:20~14:40\n20'"),
                new TableCell("‣ 주요안건 논의\n  ‧ 2021 영등포구 지역사회혁신계획(최종) 검토 및 의견 수렴 등"),
                new TableCell("(부)분과장")]),
            new TableRow([new TableCell("마무리"), new TableCell("14:40~14:50\n10'"),
                new TableCell("‣ 향후 협치회의 일정 안내 등"), new TableCell("(부)분과장")]),
        ],
        [10, 20, 52, 18]);

    /// <summary>The project list: a total row, then seven projects with 전략사업 and 일반사업 spanning rows.</summary>
    public static readonly TableBlock ProjectTable = new(
        [
            new TableRow([new TableCell("연번", Header: true), new TableCell("구분", Header: true),
                new TableCell("사  업  명", Header: true), new TableCell("사업비(천원)", Header: true),
                new TableCell("주관부서", Header: true)]),
            new TableRow([new TableCell("7개 사업", ColSpan: 3), new TableCell("850,000"), new TableCell("6개 부서")]),
            new TableRow([new TableCell("1"), new TableCell("기반조성"), new TableCell("구민과 함께하는 민·관 협치 2.0"),
                new TableCell("280,000"), new TableCell("자치행정과")]),
            new TableRow([new TableCell("2"), new TableCell("전략사업", RowSpan: 2), new TableCell("영등포형 돌봄 네트워크 추진"),
                new TableCell("150,000"), new TableCell("복지정책과")]),
            new TableRow([new TableCell("3"), new TableCell("주민과 함께하는 쓰레기 없는 마을 조성"),
                new TableCell("50,000"), new TableCell("청소과")]),
            new TableRow([new TableCell("4"), new TableCell("일반사업", RowSpan: 4), new TableCell("당산골 걷고 싶은 거리 조성"),
                new TableCell("155,000"), new TableCell("자치행정과")]),
            new TableRow([new TableCell("5"), new TableCell("탁트인 문화예술 거점 문래창작촌 활성화"),
                new TableCell("55,000"), new TableCell("문화체육과")]),
            new TableRow([new TableCell("6"), new TableCell("영등포 스마트메디컬 힐링투어"),
                new TableCell("60,000"), new TableCell("비전협력과")]),
            new TableRow([new TableCell("7"), new TableCell("왁자지껄 나만의 생활상권 만들기"),
                new TableCell("100,000"), new TableCell("사회적경제과")]),
        ],
        [8, 14, 44, 16, 18]);

    public static ReportDocument Create() => new(Title,
    [
        Overview,
        new ParagraphBlock(0, "□", "분과별 화상회의 방식으로 개최"),
        OverviewTable,
        new ParagraphBlock(0, "※", "해당 회의시간에 참석이 어려운 일부 위원은 타 분과회의에 참석", ParagraphStyle.Note),
        new ParagraphBlock(1, "❍", "주요내용"),
        new ParagraphBlock(2, "-", "2021 영등포구 지역사회혁신계획 작성 최종 보고"),
        new ParagraphBlock(2, "-", "하반기 협치사업(협치동아리, 랜선교육 등) 내용 및 추진일정 공유"),
        new ParagraphBlock(2, "-", "2020 지역사회혁신계획 사업예산 변경 결정"),
        new ParagraphBlock(1, "❍", "화상회의 프로그램: 구글 미트(Google Meet)"),
        new ParagraphBlock(1, "❍", "진행순서(※ 14:00 회의 시작 기준)"),
        AgendaTable,
        new ParagraphBlock(0, null,
            "2021 지역사회혁신계획 최종 제출 전 협치위원들과 주요내용을 공유하고 그밖에 의견 청취를 위한 영등포구협치회의 분과회의를 화상회의 방식으로 개최하고 그 결과를 보고드림."),
        Contents,
        new ParagraphBlock(0, "□", "2021 지역사회혁신계획 최종 수립 보고", ParagraphStyle.Subheading),
        new ParagraphBlock(1, "❍", "사업규모: 8.5억(시비, 협치기반조성 2.8억 + 전략사업 2억 + 일반사업 3.7억)"),
        new ParagraphBlock(2, "-", "사업목록"),
        ProjectTable,
        new ParagraphBlock(1, "❍", "1차 제출안 대비 주요 수정사항"),
        new ParagraphBlock(2, "-", "전체 사업예산 15% 감액 편성"),
        new ParagraphBlock(2, "-", "당산골 도로정비 사업 전액 감액 후 사업별 예산 조정"),
        new ParagraphBlock(1, "❍", "주요의견"),
        LongOpinion,
        new ParagraphBlock(2, "▸",
            "도로정비와 관련 사업예산 삭감은 아쉽지만 받아들여야 할 것이고, 변경된 예산과 관련하여 내실 있게 잘 준비하여 사업 추진하여야 할 것임."),
        new ParagraphBlock(3, "※", "기반조성 예산 중 협치지원관 인건비는 삭감 대상에서 제외", ParagraphStyle.Note),
        new ParagraphBlock(0, "□", "하반기 주요 협치사업 추진사항 공유", ParagraphStyle.Subheading),
        new ParagraphBlock(0, "1.", "2020 협치동아리 운영", ParagraphStyle.Subheading),
        new ParagraphBlock(1, "❍", "주요의견"),
        new ParagraphBlock(2, "▸",
            "동아리 참여자들에게 협치 사업에 대한 기본적인 이해를 시켜야 하고 명확한 한계를 설정해서 참여를 시키는 등 확실한 가이드라인이 필요."),
        new ParagraphBlock(3, "·", "지역기반 관련자까지 모집 범위 확장 필요"),
        new ParagraphBlock(0, "□", "2020 지역사회혁신계획 사업예산 변경 결정", ParagraphStyle.Subheading),
        new ParagraphBlock(1, "❍", "회의결과: 이견 없음"),
        Photos,
        new ParagraphBlock(0, "※", "각 분과회의 대표자만 오프라인 회의실 참석", ParagraphStyle.Note),
    ]);
}
