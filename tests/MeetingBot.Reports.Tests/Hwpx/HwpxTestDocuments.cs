using MeetingBot.TestSupport;

namespace MeetingBot.Reports.Tests.Hwpx;

/// <summary>Report documents built by hand from blocks: one shaped like the reference report, and stress cases.</summary>
public static class HwpxTestDocuments
{
    public static ReportDocument ReferenceLike() => new(
        "영등포구협치회의 분과회의(9월) 개최 결과 보고",
        [
            new HeadingBlock("Ⅰ", "개최 개요"),
            new ParagraphBlock(0, "□", "분과별 화상회의 방식으로 개최"),
            OverviewTable(),
            new ParagraphBlock(1, "※", "해당 회의시간에 참석이 어려운 일부 위원은 타 분과회의에 참석", ParagraphStyle.Note),
            new ParagraphBlock(0, "□", "주요내용"),
            new ParagraphBlock(1, "-", "2021 영등포구 지역사회혁신계획 작성 최종 보고"),
            new ParagraphBlock(1, "-", "하반기 협치사업(협치동아리, 랜선교육 등) 내용 및 추진일정 공유"),
            new ParagraphBlock(0, "□", "화상회의 프로그램: 구글 미트(Google Meet)"),
            new ParagraphBlock(0, "□", "진행순서(※ 14:00 회의 시작 기준)"),
            ProgressTable(),
            new HeadingBlock("Ⅱ", "주요 회의내용"),
            new ParagraphBlock(0, "□", "2021 지역사회혁신계획 최종 수립 보고", ParagraphStyle.Subheading),
            new ParagraphBlock(1, "❍", "사업규모: 8.5억(시비, 협치기반조성 2.8억 + 전략사업 2억 + 일반사업 3.7억)"),
            new ParagraphBlock(2, "-", "사업목록"),
            ContentTable(),
            new ParagraphBlock(1, "❍", "주요의견"),
            new ParagraphBlock(2, "▸", "서울시 전체적으로 예산이 20% 가량 삭감이 이뤄지는 것으로 알고 있는데 우리 협치사업은 15%만 삭감이 되어 한편으로 다행으로 생각함."),
            new ParagraphBlock(2, "▸", "기반조성과 관련하여 예산이 약간 삭감되었지만, 협치지원관 인건비 예산은 삭감되지 않아야 함."),
            new ParagraphBlock(3, "※", "협치지원관 인건비는 별도 재원으로 편성", ParagraphStyle.Note),
            new ParagraphBlock(0, "1.", "2020 협치동아리 운영", ParagraphStyle.Subheading),
            new ParagraphBlock(1, "❍", "회의결과"),
            new ParagraphBlock(2, "-", "동아리원 모집 범위를 영등포 근무자까지 확장하는 방안 검토 필요."),
            new ParagraphBlock(0, null, "그 결과를 보고드림."),
        ]);

    /// <summary>5 columns, 5 rows, with row and column spans like the reference's 개최 개요.</summary>
    public static TableBlock OverviewTable() => new(
        [
            new([new("분  과", ColSpan: 2, Header: true), new("협치기반조성", Header: true), new("역량강화", Header: true), new("전략사업", Header: true)]),
            new([new("일  시", ColSpan: 2, Header: true), new("9. 14.(월) 14:00"), new("9. 15.(화) 10:30"), new("9. 15.(화) 14:00")]),
            new([new("참\n여\n자", RowSpan: 2, Header: true), new("민간", Header: true), new("김미순 외 6명"), new("임채휘 외 3명"), new("조영윤 외 4명")]),
            new([new("행정", Header: true), new("지역협치팀장, 담당 주무관 2, 협치조정관, 협치지원관", ColSpan: 3)]),
            new([new("장  소", ColSpan: 2, Header: true), new("구청 내 ‘카페틔움’ 회의실(민간위원 중 각 분과 대표자만 오프라인 참석)", ColSpan: 3)]),
        ],
        [1, 1, 3, 3, 3],
        HeaderRows: 0);

    public static TableBlock ProgressTable() => new(
        [
            new([new("시 간", ColSpan: 3), new("주 요 내 용"), new("진 행")]),
            new([new("안내"), new("14:00~14:05"), new("5'"), new("참석자 소개 및 인사"), new("(부)분과장")]),
            new([new("회의\n진행", RowSpan: 2), new("14:05~14:20"), new("15'"), new("‣ PT보고\n‧ 2021 지역사회혁신계획 최종 수립 보고 등"), new("협치조정관")]),
            new([new("14:20~14:40"), new("20'"), new("‣ 주요안건 논의\n‧ 2021 영등포구 지역사회혁신계획(최종) 검토 및 의견 수렴 등"), new("(부)분과장")]),
            new([new("마무리"), new("14:40~14:50"), new("10'"), new("‣ 향후 협치회의 일정 안내 등"), new("(부)분과장")]),
        ],
        [2, 3, 1, 8, 3]);

    /// <summary>The 사업목록 table: a header, a total row and 7 project rows with row spans in 구분.</summary>
    public static TableBlock ContentTable() => new(
        [
            new([new("연번"), new("구분"), new("사  업  명"), new("사업비(천원)"), new("주관부서")]),
            new([new("7개 사업", ColSpan: 3, Header: true), new("850,000"), new("6개 부서")]),
            new([new("1"), new("기반조성"), new("구민과 함께하는 민·관 협치 2.0"), new("280,000"), new("자치행정과")]),
            new([new("2"), new("전략사업", RowSpan: 2), new("영등포형 돌봄 네트워크 추진"), new("150,000"), new("복지정책과")]),
            new([new("3"), new("주민과 함께하는 쓰레기 없는 마을 조성"), new("50,000"), new("청소과")]),
            new([new("4"), new("일반사업", RowSpan: 4), new("당산골 걷고 싶은 거리 조성"), new("155,000"), new("자치행정과")]),
            new([new("5"), new("탁트인 문화예술 거점 문래창작촌 활성화"), new("55,000"), new("문화체육과")]),
            new([new("6"), new("영등포 스마트메디컬 힐링투어"), new("60,000"), new("비전협력과")]),
            new([new("7"), new("왁자지껄 나만의 생활상권 만들기"), new("100,000"), new("사회적경제과")]),
        ],
        [1, 2, 6, 2, 2]);

    public static ReportDocument ManyParagraphs()
    {
        var blocks = new List<ReportBlock>(2100);
        for (var h = 0; h < 100; h++)
        {
            blocks.Add(new HeadingBlock(Numeral(h), $"안건 {h + 1} 논의 결과"));
            for (var p = 0; p < 20; p++)
            {
                blocks.Add(new ParagraphBlock(p % 4, "▸", $"안건 {h + 1}의 의견 {p + 1}: 민관이 함께 참여할 수 있도록 운영 방식 개선 필요."));
            }
        }

        return new ReportDocument("대량 문단 보고", blocks);
    }

    public static ReportDocument LongParagraph() => new(
        "긴 문단 보고",
        [new HeadingBlock("Ⅰ", "긴 문단"), new ParagraphBlock(1, "❍", string.Concat(Enumerable.Repeat("협치회의 의견을 길게 적음. ", 600))[..8000])]);

    public static ReportDocument XmlSpecial() => new(
        "특수문자 <보고> & \"인용\" 'a'",
        [
            new HeadingBlock("Ⅰ", "A < B & C > D"),
            new ParagraphBlock(0, "-", "x < y && y > z \"따옴표\" '홑따옴표' ]]> <!-- 주석 --> &amp;"),
            new TableBlock([new([new("<셀> & \"값\""), new("a>b")])], [1, 1], HeaderRows: 0),
        ]);

    public static ReportDocument ControlCharacters() => new(
        "제어문자 보고",
        [
            new ParagraphBlock(0, "-", "앞\u0001뒤"),
            new TableBlock([new([new("셀\u000B값"), new("정상")])], [1, 1], HeaderRows: 0),
        ]);

    public static ReportDocument Emoji() => new(
        "이모지 보고 🎉",
        [
            new HeadingBlock("Ⅰ", "반응 👍"),
            new ParagraphBlock(1, "▸", "좋은 의견 👍🏽 감사함 😀 (𠀀 확장 한자)"),
            new TableBlock([new([new("🎉 축하"), new("👨‍👩‍👧 가족")])], [1, 1], HeaderRows: 0),
        ]);

    /// <summary>Empty cells, a short row that leaves holes, and an empty paragraph.</summary>
    public static ReportDocument EmptyCells() => new(
        "빈 칸 보고",
        [
            new TableBlock(
                [
                    new([new("항목"), new(""), new("비고")]),
                    new([new(""), new("")]),
                    new([new("", ColSpan: 3)]),
                ],
                [2, 3, 2]),
            new ParagraphBlock(0, null, ""),
        ]);

    public static readonly byte[] WidePng = TestPictures.Png(1600, 900, (40, 90, 200));

    public static readonly byte[] SampleJpeg = File.ReadAllBytes(TestPictures.SampleJpegPath);

    /// <summary>Ⅲ with a wide PNG and the sample JPEG, captions with XML specials, then a 붙임 on a new page.</summary>
    public static ReportDocument WithPhotos() => new(
        "사진 보고",
        [
            new HeadingBlock("Ⅱ", "주요 회의내용"),
            new ParagraphBlock(0, "□", "안건"),
            new HeadingBlock("Ⅲ", "회의 사진", NewPage: true),
            new PictureBlock("s.png", "image/png", WidePng, 1600, 900, "전략사업분과회의"),
            new PictureBlock("f.jpg", "image/jpeg", SampleJpeg, 640, 400, "기반조성 & <현장>"),
            new HeadingBlock("붙임", "시간 운영 결과", NewPage: true),
            new TableBlock([new([new("안건"), new("계획")])], [1, 1]),
        ]);

    public static TheoryData<string> StressCases => ["many", "long", "special", "control", "emoji", "empty", "photos"];

    public static ReportDocument Stress(string name) => name switch
    {
        "many" => ManyParagraphs(),
        "long" => LongParagraph(),
        "special" => XmlSpecial(),
        "control" => ControlCharacters(),
        "emoji" => Emoji(),
        "empty" => EmptyCells(),
        "photos" => WithPhotos(),
        "reference" => ReferenceLike(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static string Numeral(int index) => index < 10 ? "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"[index].ToString() : (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
