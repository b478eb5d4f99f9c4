using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using MeetingBot.Reports.Docx;
using Microsoft.Extensions.Time.Testing;
using WordCell = DocumentFormat.OpenXml.Wordprocessing.TableCell;
using WordRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;

namespace MeetingBot.Reports.Tests.Docx;

public sealed class DocxWriterTests
{
    public static TheoryData<string> Cases => new(StressCases.Names.Prepend("reference"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Write_ValidatesAgainstMicrosoft365WithoutErrors(string name)
    {
        var bytes = Render(Document(name), out _);

        using var docx = Open(bytes);
        var errors = new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(docx)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Write_ReferenceReport_EveryHeadingParagraphAndCellReadsBack()
    {
        var document = ReferenceLikeReport.Create();
        using var docx = Open(Render(document, out var replaced));
        var body = docx.MainDocumentPart!.Document!.Body!;
        var bodyParagraphs = body.Elements<Paragraph>().Select(Visible).ToList();
        var cellLines = body.Descendants<WordCell>().SelectMany(c => c.Elements<Paragraph>()).Select(p => p.InnerText).ToList();

        Assert.Equal(0, replaced);
        Assert.Equal(ReferenceLikeReport.Title, bodyParagraphs[0]);
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    Assert.Contains(bodyParagraphs, p => p.Contains(heading.Numeral) && p.EndsWith(heading.Text, StringComparison.Ordinal));
                    break;
                case ParagraphBlock paragraph:
                    var expected = paragraph.Symbol is null ? paragraph.Text : $"{paragraph.Symbol} {paragraph.Text}";
                    Assert.Contains(expected, bodyParagraphs);
                    break;
                case TableBlock table:
                    foreach (var line in table.Rows.SelectMany(r => r.Cells).SelectMany(c => c.Text.Split('\n')))
                    {
                        Assert.Contains(line, cellLines);
                    }

                    break;
            }
        }

        Assert.Equal(3, body.Elements<Table>().Count());
    }

    [Fact]
    public void Write_StylesCarryKoreanFontsLanguageAndSizes()
    {
        using var docx = Open(Render(ReferenceLikeReport.Create(), out _));
        var styles = docx.MainDocumentPart!.StyleDefinitionsPart!.Styles!;

        var defaults = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("함초롬바탕", defaults.RunFonts!.EastAsia!.Value);
        Assert.Equal("함초롬바탕", defaults.RunFonts.Ascii!.Value);
        Assert.Equal("함초롬바탕", defaults.RunFonts.HighAnsi!.Value);
        Assert.Equal("함초롬바탕", defaults.RunFonts.ComplexScript!.Value);
        Assert.Equal("ko-KR", defaults.Languages!.EastAsia!.Value);
        Assert.Equal("ko-KR", defaults.Languages.Val!.Value);
        Assert.Equal("30", defaults.FontSize!.Val!.Value);
        var spacing = styles.DocDefaults.ParagraphPropertiesDefault!.ParagraphPropertiesBaseStyle!.SpacingBetweenLines!;
        Assert.Equal("384", spacing.Line!.Value);

        AssertStyle(styles, "Title", "맑은 고딕", "40", bold: true);
        AssertStyle(styles, "Heading1", "맑은 고딕", "32", bold: true);
        AssertStyle(styles, "Note", "맑은 고딕", "26", bold: false);
        AssertStyle(styles, "TableText", "맑은 고딕", "22", bold: false);
        Assert.Equal(JustificationValues.Center,
            styles.Elements<Style>().Single(s => s.StyleId == "Title").StyleParagraphProperties!.Justification!.Val!.Value);
    }

    [Fact]
    public void Write_PageIsA4WithReferenceMargins()
    {
        using var docx = Open(Render(ReferenceLikeReport.Create(), out _));
        var section = docx.MainDocumentPart!.Document!.Body!.Elements<SectionProperties>().Single();

        Assert.Equal(11906u, section.GetFirstChild<PageSize>()!.Width!.Value);
        Assert.Equal(16838u, section.GetFirstChild<PageSize>()!.Height!.Value);
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal(850, margin.Top!.Value);
        Assert.Equal(850, margin.Bottom!.Value);
        Assert.Equal(1134u, margin.Left!.Value);
        Assert.Equal(1134u, margin.Right!.Value);
    }

    [Fact]
    public void Write_EachLevelIndentsTwoCharactersWithTheSymbolHanging()
    {
        using var docx = Open(Render(ReferenceLikeReport.Create(), out _));
        var paragraphs = docx.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();

        foreach (var (symbol, level) in new[] { ("□", 0), ("❍", 1), ("-", 2), ("▸", 2), ("·", 3) })
        {
            var paragraph = paragraphs.First(p => Visible(p).StartsWith(symbol + " ", StringComparison.Ordinal));
            var run = paragraph.Elements<Run>().Single();
            Assert.Equal(symbol, run.GetFirstChild<Text>()!.Text);
            Assert.IsType<TabChar>(run.GetFirstChild<Text>()!.NextSibling());
            var indentation = paragraph.ParagraphProperties!.Indentation!;
            var left = int.Parse(indentation.Left!.Value!);
            var hanging = int.Parse(indentation.Hanging!.Value!);

            Assert.Equal(level * 600, left - hanging);
            Assert.InRange(hanging, 200, 450);
        }

        var plain = paragraphs.First(p => p.InnerText.StartsWith("2021 지역사회혁신계획 최종 제출 전", StringComparison.Ordinal));
        Assert.Null(plain.ParagraphProperties?.Indentation);
    }

    [Fact]
    public void Write_RowSpansBecomeVerticalMergesWithContinuationCells()
    {
        using var docx = Open(Render(ReferenceLikeReport.Create(), out _));
        var tables = docx.MainDocumentPart!.Document!.Body!.Elements<Table>().ToList();

        foreach (var table in tables)
        {
            var columns = table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Count();
            foreach (var row in table.Elements<WordRow>())
            {
                Assert.Equal(columns, row.Elements<WordCell>().Sum(Span));
            }
        }

        // 참여자 spans 민간 and 행정: restart in the 민간 row, a continuation opening the 행정 row.
        var overviewRows = tables[0].Elements<WordRow>().ToList();
        Assert.Equal(MergedCellValues.Restart, Merge(overviewRows[2].Elements<WordCell>().First())!.Val!.Value);
        var continuation = overviewRows[3].Elements<WordCell>().First();
        Assert.NotNull(Merge(continuation));
        Assert.Null(Merge(continuation)!.Val);
        Assert.Equal("", continuation.InnerText);
        Assert.Equal("행정", overviewRows[3].Elements<WordCell>().ElementAt(1).InnerText);

        // 일반사업 spans four rows: three continuations follow it in the second column.
        var projectRows = tables[2].Elements<WordRow>().ToList();
        Assert.Equal(MergedCellValues.Restart, Merge(projectRows[5].Elements<WordCell>().ElementAt(1))!.Val!.Value);
        for (var r = 6; r <= 8; r++)
        {
            var cell = projectRows[r].Elements<WordCell>().ElementAt(1);
            Assert.NotNull(Merge(cell));
            Assert.Null(Merge(cell)!.Val);
        }

        Assert.Equal(3, Span(projectRows[1].Elements<WordCell>().First()));
    }

    [Fact]
    public void Write_TableCellsAreShadedCentredAndSplitIntoLines()
    {
        using var docx = Open(Render(ReferenceLikeReport.Create(), out _));
        var table = docx.MainDocumentPart!.Document!.Body!.Elements<Table>().First();
        var firstRow = table.Elements<WordRow>().First();
        var header = firstRow.Elements<WordCell>().First();
        var participants = table.Elements<WordRow>().ElementAt(2).Elements<WordCell>().First();

        Assert.NotNull(firstRow.TableRowProperties!.GetFirstChild<TableHeader>());
        Assert.NotNull(header.TableCellProperties!.Shading);
        Assert.Equal("TableHeader", header.Elements<Paragraph>().Single().ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Equal(["참", "여", "자"], participants.Elements<Paragraph>().Select(p => p.InnerText));
        Assert.All(table.Descendants<WordCell>(), c =>
            Assert.Equal(TableVerticalAlignmentValues.Center, c.TableCellProperties!.TableCellVerticalAlignment!.Val!.Value));

        var widths = table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Sum(c => int.Parse(c.Width!.Value!));
        Assert.Equal(11906 - (2 * 1134), widths);
    }

    [Fact]
    public void Write_ForbiddenCharactersAreReplacedAndCounted()
    {
        var document = new ReportDocument("제목\u0001", [new ParagraphBlock(0, "▸", "앞\u0001뒤\u000B끝")]);

        using var docx = Open(Render(document, out var replaced));

        Assert.Equal(3, replaced);
        Assert.Contains(docx.MainDocumentPart!.Document!.Body!.Elements<Paragraph>(), p => Visible(p) == "▸ 앞\uFFFD뒤\uFFFD끝");
        Assert.Equal("제목\uFFFD", docx.PackageProperties.Title);
    }

    [Fact]
    public void Write_XmlSpecialCharactersAndEmojiRoundTrip()
    {
        const string text = "<&>\"' 🙂 가 \"인용\" & 'a<b>'";
        var document = new ReportDocument("<&>", [new ParagraphBlock(1, "❍", text), SingleCellTable(text)]);

        using var docx = Open(Render(document, out var replaced));
        var body = docx.MainDocumentPart!.Document!.Body!;

        Assert.Equal(0, replaced);
        Assert.Equal("<&>", body.Elements<Paragraph>().First().InnerText);
        Assert.Contains(body.Elements<Paragraph>(), p => Visible(p) == "❍ " + text);
        Assert.Equal(text, body.Descendants<WordCell>().Single().InnerText);
    }

    [Fact]
    public void Write_TabsAndLineBreaksBecomeElementsAndLeadingSpacesSurvive()
    {
        var document = new ReportDocument("t",
            [new ParagraphBlock(0, null, "가\t나\n다\r\n라"), SingleCellTable("  ‧ 들여쓴 줄")]);

        using var docx = Open(Render(document, out _));
        var body = docx.MainDocumentPart!.Document!.Body!;
        var run = body.Elements<Paragraph>().ElementAt(1).Elements<Run>().Single();

        Assert.Single(run.Elements<TabChar>());
        Assert.Equal(2, run.Elements<Break>().Count());
        Assert.Equal(["가", "나", "다", "라"], run.Elements<Text>().Select(t => t.Text));
        var cellText = body.Descendants<WordCell>().Single().Descendants<Text>().Single();
        Assert.Equal("  ‧ 들여쓴 줄", cellText.Text);
        Assert.Equal(SpaceProcessingModeValues.Preserve, cellText.Space!.Value);
    }

    [Fact]
    public void Write_LongParagraphAndManyParagraphsReadBackWhole()
    {
        var stress = StressCases.Create("long-paragraph");
        var bullets = StressCases.Create("2000-bullets");

        using var longDocx = Open(Render(stress, out _));
        using var bulletsDocx = Open(Render(bullets, out _));

        var longText = ((ParagraphBlock)stress.Blocks[0]).Text;
        Assert.Contains(longDocx.MainDocumentPart!.Document!.Body!.Elements<Paragraph>(), p => Visible(p) == "▸ " + longText);
        Assert.Equal(2000, bulletsDocx.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Count(p => Visible(p).StartsWith("▸ ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Write_EmptyCellsAndShortRowsKeepEveryGridPositionFilled()
    {
        var table = new TableBlock(
            [new TableRow([new TableCell(""), new TableCell("", ColSpan: 2)]), new TableRow([new TableCell("하나")])],
            [1, 1, 1]);

        using var docx = Open(Render(new ReportDocument("t", [table]), out _));
        var rows = docx.MainDocumentPart!.Document!.Body!.Descendants<WordRow>().ToList();

        Assert.All(rows, r => Assert.Equal(3, r.Elements<WordCell>().Sum(Span)));
        Assert.All(rows.SelectMany(r => r.Elements<WordCell>()), c => Assert.Single(c.Elements<Paragraph>()));
    }

    [Fact]
    public void Write_RowWithMoreCellsThanColumns_Throws()
    {
        var table = new TableBlock([new TableRow([new TableCell("a"), new TableCell("b"), new TableCell("c")])], [1, 1]);

        var error = Assert.Throws<ArgumentException>(() => Render(new ReportDocument("t", [table]), out _));

        Assert.Contains("1번째 행", error.Message);
    }

    [Fact]
    public void Write_CorePropertiesNameTitleLanguageAndCreatorWithoutATime()
    {
        using var docx = Open(Render(ReferenceLikeReport.Create(), out _));

        Assert.Equal(ReferenceLikeReport.Title, docx.PackageProperties.Title);
        Assert.Equal("ko-KR", docx.PackageProperties.Language);
        Assert.Equal("MeetingBot", docx.PackageProperties.Creator);
        Assert.Null(docx.PackageProperties.Created);
    }

    [Fact]
    public void Write_WithClock_StampsCreatedAndModified()
    {
        var time = new DateTimeOffset(2020, 9, 15, 5, 50, 0, TimeSpan.Zero);
        using var output = new MemoryStream();

        new DocxWriter(new FakeTimeProvider(time)).Write(ReferenceLikeReport.Create(), output);
        using var docx = Open(output.ToArray());

        Assert.Equal(time.UtcDateTime, docx.PackageProperties.Created!.Value.ToUniversalTime());
        Assert.Equal(time.UtcDateTime, docx.PackageProperties.Modified!.Value.ToUniversalTime());
    }

    [Fact]
    public void Write_ToAWriteOnlyStream_ProducesTheSameDocument()
    {
        var expected = Render(ReferenceLikeReport.Create(), out _);
        using var sink = new MemoryStream();
        using (var writeOnly = new WriteOnlyStream(sink))
        {
            new DocxWriter().Write(ReferenceLikeReport.Create(), writeOnly);
        }

        using var docx = Open(sink.ToArray());
        using var reference = Open(expected);
        Assert.Equal(reference.MainDocumentPart!.Document!.Body!.OuterXml, docx.MainDocumentPart!.Document!.Body!.OuterXml);
    }

    [Fact]
    public void FormatAndContentType_NameDocx()
    {
        var writer = new DocxWriter();

        Assert.Equal("docx", writer.Format);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", writer.ContentType);
    }

    internal static byte[] Render(ReportDocument document, out int replaced)
    {
        using var output = new MemoryStream();
        replaced = new DocxWriter().Write(document, output);
        return output.ToArray();
    }

    private static ReportDocument Document(string name) =>
        name == "reference" ? ReferenceLikeReport.Create() : StressCases.Create(name);

    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);

    /// <summary>The paragraph's text as it reads on the page: tabs as a space, breaks as a new line.</summary>
    private static string Visible(Paragraph paragraph) => string.Concat(paragraph.Descendants().Select(e => e switch
    {
        Text t => t.Text,
        TabChar => " ",
        Break => "\n",
        _ => "",
    }));

    private static TableBlock SingleCellTable(string text) => new([new TableRow([new TableCell(text)])], [1]);

    private static int Span(WordCell cell) => cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;

    private static VerticalMerge? Merge(WordCell cell) => cell.TableCellProperties?.VerticalMerge;

    private static void AssertStyle(Styles styles, string id, string font, string size, bool bold)
    {
        var run = styles.Elements<Style>().Single(s => s.StyleId == id).StyleRunProperties!;
        Assert.Equal(font, run.RunFonts!.EastAsia!.Value);
        Assert.Equal(font, run.RunFonts.Ascii!.Value);
        Assert.Equal(size, run.FontSize!.Val!.Value);
        Assert.Equal(bold, run.Bold is not null);
    }

    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
