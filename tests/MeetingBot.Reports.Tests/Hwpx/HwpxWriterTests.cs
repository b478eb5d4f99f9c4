using System.Globalization;
using System.Xml.Linq;
using MeetingBot.Reports.Hwpx;

using MeetingBot.TestSupport.Documents;

namespace MeetingBot.Reports.Tests.Hwpx;

public sealed class HwpxWriterTests
{
    private static readonly XNamespace Hp = HwpxPackage.Hp;
    private static readonly XNamespace Hh = HwpxPackage.Hh;

    [Fact]
    public void ReferenceLikeReport_PassesEveryPackageRule()
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.ReferenceLike());

        Assert.Empty(HwpxValidator.Validate(package.Bytes));

        // Kept for a person with Hangul to open (copied to samples/hwpx/ by hand).
        var sample = Path.Combine(AppContext.BaseDirectory, "hwpx-samples", "reference-like.hwpx");
        Directory.CreateDirectory(Path.GetDirectoryName(sample)!);
        File.WriteAllBytes(sample, package.Bytes);
    }

    [Theory]
    [MemberData(nameof(HwpxTestDocuments.StressCases), MemberType = typeof(HwpxTestDocuments))]
    public void StressDocument_PassesEveryPackageRule(string name)
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.Stress(name));

        Assert.Empty(HwpxValidator.Validate(package.Bytes));
    }

    [Fact]
    public void Writer_NamesItsFormatAndContentType()
    {
        var writer = new HwpxWriter();

        Assert.Equal("hwpx", writer.Format);
        Assert.Equal("application/hwp+zip", writer.ContentType);
    }

    [Fact]
    public void NonSeekableOutput_StillGetsAStoredMimetypeWithoutDataDescriptor()
    {
        using var output = new NonSeekableStream();

        new HwpxWriter().Write(HwpxTestDocuments.ReferenceLike(), output);

        Assert.Empty(HwpxValidator.Validate(output.ToArray()));
    }

    [Fact]
    public void OutputStreamWithContentBefore_GetsThePackageAppended()
    {
        using var output = new MemoryStream();
        output.Write("앞"u8);

        new HwpxWriter().Write(HwpxTestDocuments.ReferenceLike(), output);

        Assert.Empty(HwpxValidator.Validate(output.ToArray()[3..]));
    }

    [Fact]
    public void SameDocumentAndClock_GiveTheSameBytes()
    {
        var first = HwpxPackage.Write(HwpxTestDocuments.ReferenceLike());
        var second = HwpxPackage.Write(HwpxTestDocuments.ReferenceLike());

        Assert.Equal(first.Bytes, second.Bytes);
    }

    [Fact]
    public void ControlCharacters_AreReplacedAndCounted()
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.ControlCharacters());

        Assert.Equal(2, package.Replaced);
        var text = string.Concat(package.Section.Descendants(Hp + "t").Select(t => t.Value));
        Assert.Contains("앞\uFFFD뒤", text);
        Assert.Contains("셀\uFFFD값", text);
    }

    [Fact]
    public void CleanDocument_ReportsNoReplacement()
    {
        Assert.Equal(0, HwpxPackage.Write(HwpxTestDocuments.ReferenceLike()).Replaced);
    }

    [Fact]
    public void XmlSpecialCharacters_SurviveAsText()
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.XmlSpecial());

        var texts = package.Section.Descendants(Hp + "t").Select(t => t.Value).ToList();
        Assert.Contains("특수문자 <보고> & \"인용\" 'a'", texts);
        Assert.Contains("Ⅰ A < B & C > D", texts);
        Assert.Contains("- x < y && y > z \"따옴표\" '홑따옴표' ]]> <!-- 주석 --> &amp;", texts);
        Assert.Contains("<셀> & \"값\"", texts);
        Assert.Equal("특수문자 <보고> & \"인용\" 'a'", package.Xml("Contents/content.hpf").Descendants().Single(e => e.Name.LocalName == "title").Value);
    }

    [Fact]
    public void Emoji_KeepTheirSurrogatePairs()
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.Emoji());

        Assert.Equal(0, package.Replaced);
        var texts = package.Section.Descendants(Hp + "t").Select(t => t.Value).ToList();
        Assert.Contains("▸ 좋은 의견 👍🏽 감사함 😀 (𠀀 확장 한자)", texts);
        Assert.Contains("👨‍👩‍👧 가족", texts);
    }

    [Fact]
    public void Paragraph_IsSymbolSpaceText_IndentedTwoBodyCharactersPerLevel()
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.ReferenceLike());

        foreach (var (text, level) in (ReadOnlySpan<(string, int)>)[("□ 주요내용", 0), ("❍ 주요의견", 1), ("- 사업목록", 2), ("※ 협치지원관 인건비는 별도 재원으로 편성", 3)])
        {
            var paraPr = package.HeaderItem("paraPr", (string?)package.Paragraph(text).Attribute("paraPrIDRef"));
            var left = (int)paraPr.Element(Hh + "margin")!.Elements().Single(e => e.Name.LocalName == "left").Attribute("value")!;
            Assert.Equal(level * 2 * 1500, left);
            Assert.Equal("160", (string?)paraPr.Element(Hh + "lineSpacing")!.Attribute("value"));
        }

        Assert.Equal("그 결과를 보고드림.", package.Paragraph("그 결과를 보고드림.").Value);
    }

    [Theory]
    [InlineData("영등포구협치회의 분과회의(9월) 개최 결과 보고", 2000, true, "맑은 고딕")]
    [InlineData("Ⅰ 개최 개요", 1600, true, "맑은 고딕")]
    [InlineData("□ 분과별 화상회의 방식으로 개최", 1500, false, "휴먼명조")]
    [InlineData("□ 2021 지역사회혁신계획 최종 수립 보고", 1500, true, "휴먼명조")]
    [InlineData("※ 해당 회의시간에 참석이 어려운 일부 위원은 타 분과회의에 참석", 1300, false, "맑은 고딕")]
    public void TextRuns_UseTheReportFontsAndSizes(string text, int height, bool bold, string face)
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.ReferenceLike());

        var run = package.Paragraph(text).Elements(Hp + "run").Single(r => r.Element(Hp + "t") is not null);
        var charPr = package.HeaderItem("charPr", (string?)run.Attribute("charPrIDRef"));
        Assert.Equal(height, (int)charPr.Attribute("height")!);
        Assert.Equal(bold, charPr.Element(Hh + "bold") is not null);
        Assert.Equal(face, package.FontFace(charPr));
    }

    [Fact]
    public void BodyFont_FallsBackToHamchoromBatang()
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.ReferenceLike());

        var font = package.Header.Descendants(Hh + "font").First(f => (string?)f.Attribute("face") == "휴먼명조");
        Assert.Equal("함초롬바탕", (string?)font.Element(Hh + "substFont")!.Attribute("face"));
    }

    [Fact]
    public void Table_IsARealTableWithSpansAndCoveredCellsOmitted()
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.ReferenceLike());

        var table = package.Section.Descendants(Hp + "tbl").First();
        Assert.Equal("5", (string?)table.Attribute("rowCnt"));
        Assert.Equal("5", (string?)table.Attribute("colCnt"));
        Assert.Equal([4, 4, 5, 2, 2], table.Elements(Hp + "tr").Select(tr => tr.Elements(Hp + "tc").Count()));

        var participants = table.Descendants(Hp + "tc").Single(tc => tc.Element(Hp + "subList")!.Value == "참여자");
        Assert.Equal(["참", "여", "자"], participants.Element(Hp + "subList")!.Elements(Hp + "p").Select(p => p.Value));
        Assert.Equal("2", (string?)participants.Element(Hp + "cellSpan")!.Attribute("rowSpan"));
        var admin = table.Descendants(Hp + "tc").Single(tc => tc.Value.StartsWith("지역협치팀장", StringComparison.Ordinal));
        Assert.Equal(("2", "3"), ((string?)admin.Element(Hp + "cellAddr")!.Attribute("colAddr"), (string?)admin.Element(Hp + "cellSpan")!.Attribute("colSpan")));
    }

    [Fact]
    public void TableColumns_ShareTheTextWidthByWeight()
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.ReferenceLike());

        var table = package.Section.Descendants(Hp + "tbl").Last();
        var widths = table.Elements(Hp + "tr").Last().Elements(Hp + "tc")
            .Select(tc => int.Parse((string)tc.Element(Hp + "cellSz")!.Attribute("width")!, CultureInfo.InvariantCulture)).ToList();
        var textWidth = 59528 - 2 * 5669;
        Assert.Equal(textWidth, int.Parse((string)table.Element(Hp + "sz")!.Attribute("width")!, CultureInfo.InvariantCulture));

        // Row 7 ("7 … 사회적경제과") has 4 cells; 구분 is covered by the 일반사업 span: weights 1, 6, 2, 2 of 13.
        Assert.Equal(textWidth * 1 / 13, widths[0]);
        Assert.Equal(textWidth * 6 / 13, widths[1]);
    }

    [Fact]
    public void HeaderCells_AreBoldOnALightFill_BodyCellsAreNot()
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.ReferenceLike());
        var cells = package.Section.Descendants(Hp + "tbl").Last().Descendants(Hp + "tc").ToList();

        var header = cells.Single(tc => tc.Value == "연번");
        var body = cells.Single(tc => tc.Value == "자치행정과" && tc.Element(Hp + "cellAddr")!.Attribute("rowAddr")!.Value == "2");

        Assert.Equal("1", (string?)header.Attribute("header"));
        Assert.NotNull(package.HeaderItem("borderFill", (string?)header.Attribute("borderFillIDRef")).Descendants().SingleOrDefault(e => e.Name.LocalName == "winBrush"));
        Assert.NotNull(package.HeaderItem("charPr", (string?)header.Descendants(Hp + "run").First().Attribute("charPrIDRef")).Element(Hh + "bold"));
        Assert.Null(package.HeaderItem("borderFill", (string?)body.Attribute("borderFillIDRef")).Descendants().SingleOrDefault(e => e.Name.LocalName == "winBrush"));
        Assert.Null(package.HeaderItem("charPr", (string?)body.Descendants(Hp + "run").First().Attribute("charPrIDRef")).Element(Hh + "bold"));
        foreach (var border in package.HeaderItem("borderFill", (string?)body.Attribute("borderFillIDRef")).Elements().Where(e => e.Name.LocalName.EndsWith("Border", StringComparison.Ordinal)))
        {
            Assert.Equal("SOLID", (string?)border.Attribute("type"));
        }
    }

    [Fact]
    public void ShortRow_IsCompletedWithEmptyCells()
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.EmptyCells());

        var rows = package.Section.Descendants(Hp + "tr").ToList();
        Assert.Equal(3, rows[1].Elements(Hp + "tc").Count());
        Assert.All(rows[1].Elements(Hp + "tc"), tc => Assert.Equal("", tc.Value));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public void RowWithMoreCellsThanColumns_IsRejected(int columns)
    {
        var document = new ReportDocument("표", [new TableBlock([new([new("a"), new("b"), new("c")])], [.. Enumerable.Repeat(1, columns)])]);

        var error = Assert.Throws<ArgumentException>(() => new HwpxWriter().Write(document, new MemoryStream()));
        Assert.Contains("1번째 행", error.Message);
    }

    [Fact]
    public void TableWithoutRows_WritesNothing()
    {
        var package = HwpxPackage.Write(new ReportDocument("제목", [new TableBlock([], [1, 2])]));

        Assert.Empty(package.Section.Descendants(Hp + "tbl"));
        Assert.Empty(HwpxValidator.Validate(package.Bytes));
    }

    [Fact]
    public void UnknownBlock_IsRejectedRatherThanDropped()
    {
        var document = new ReportDocument("표", [new OtherBlock()]);

        Assert.Throws<NotSupportedException>(() => new HwpxWriter().Write(document, new MemoryStream()));
    }

    [Fact]
    public void LineBreaksInAParagraph_BecomeParagraphsOfTheSameShape()
    {
        var package = HwpxPackage.Write(new ReportDocument("제목", [new ParagraphBlock(2, "-", "첫 줄\r\n둘째 줄\n셋째 줄")]));

        var paragraphs = package.Section.Root!.Elements(Hp + "p").Skip(1).ToList();
        Assert.Equal(["- 첫 줄", "둘째 줄", "셋째 줄"], paragraphs.Select(p => p.Value));
        Assert.Single(paragraphs.Select(p => (string?)p.Attribute("paraPrIDRef")).Distinct());
    }

    [Fact]
    public void PreviewText_IsThePlainTextOfTheReport()
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.ReferenceLike());

        var preview = package.Text("Preview/PrvText.txt");
        Assert.StartsWith("영등포구협치회의 분과회의(9월) 개최 결과 보고\r\nⅠ 개최 개요\r\n□ 분과별 화상회의 방식으로 개최\r\n", preview);
        Assert.Contains("\r\n  ❍ 주요의견\r\n", preview);
        Assert.Contains("<1><기반조성><구민과 함께하는 민·관 협치 2.0><280,000><자치행정과>", preview);
    }

    [Fact]
    public void Title_IsTheFirstParagraph_AfterTheSectionProperties()
    {
        var package = HwpxPackage.Write(HwpxTestDocuments.ReferenceLike());

        var runs = package.Section.Root!.Elements(Hp + "p").First().Elements(Hp + "run").ToList();
        Assert.Equal(["secPr", "ctrl"], runs[0].Elements().Select(e => e.Name.LocalName));
        Assert.Equal("영등포구협치회의 분과회의(9월) 개최 결과 보고", runs[1].Value);
        var margin = runs[0].Descendants(Hp + "margin").Single();
        Assert.Equal(("5669", "5669"), ((string?)margin.Attribute("left"), (string?)margin.Attribute("right")));
        Assert.Equal(("4252", "4252"), ((string?)margin.Attribute("top"), (string?)margin.Attribute("bottom")));
    }

    private sealed record OtherBlock : ReportBlock;
}
