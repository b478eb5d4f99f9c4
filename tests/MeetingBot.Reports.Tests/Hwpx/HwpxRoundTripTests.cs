using MeetingBot.TestSupport.Documents;

namespace MeetingBot.Reports.Tests.Hwpx;

/// <summary>Text written by HwpxWriter comes back out of an independent reader (@ssabrojs/hwpxjs).</summary>
public sealed class HwpxRoundTripTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "meetingbot-hwpx-" + Guid.NewGuid().ToString("N"));

    public HwpxRoundTripTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [HwpxjsFact]
    public void ReferenceLikeReport_EveryHeadingBulletAndCellIsRecovered()
    {
        var document = HwpxTestDocuments.ReferenceLike();

        var extracted = WriteAndRead(document, "reference");

        Assert.Equal(ExpectedParagraphs(document), extracted.Paragraphs);
        Assert.Equal(ExpectedCells(document), NonEmpty(extracted.Cells));
        Assert.Contains("▸ 기반조성과 관련하여 예산이 약간 삭감되었지만, 협치지원관 인건비 예산은 삭감되지 않아야 함.", extracted.Paragraphs);
        Assert.Contains("회의\n진행", extracted.Cells);
        Assert.Contains("280,000", extracted.Cells);
    }

    [HwpxjsTheory]
    [MemberData(nameof(HwpxTestDocuments.StressCases), MemberType = typeof(HwpxTestDocuments))]
    public void StressDocument_TextIsRecovered(string name)
    {
        var document = HwpxTestDocuments.Stress(name);

        var extracted = WriteAndRead(document, name);

        Assert.Equal(ExpectedParagraphs(document), extracted.Paragraphs);
        Assert.Equal(ExpectedCells(document), NonEmpty(extracted.Cells));
    }

    [HwpxjsFact]
    public void Photos_AreFoundByTheReader_ByteForByte_InOrder()
    {
        var extracted = WriteAndRead(HwpxTestDocuments.WithPhotos(), "photos");

        Assert.Equal(["BinData/BIN0001.png", "BinData/BIN0002.jpg"], extracted.Images.Select(i => i.Path));
        Assert.Equal(["image/png", "image/jpeg"], extracted.Images.Select(i => i.MimeType));
        Assert.Equal(HwpxTestDocuments.WidePng, extracted.Images[0].Bytes);
        Assert.Equal(HwpxTestDocuments.SampleJpeg, extracted.Images[1].Bytes);
        Assert.Contains("기반조성 & <현장>", extracted.Paragraphs);
    }

    [HwpxjsFact]
    public void ControlCharacters_ComeBackAsReplacementCharacters()
    {
        var extracted = WriteAndRead(HwpxTestDocuments.ControlCharacters(), "control-only");

        Assert.Contains("- 앞\uFFFD뒤", extracted.Paragraphs);
        Assert.Contains("셀\uFFFD값", extracted.Cells);
    }

    private Hwpxjs.Extracted WriteAndRead(ReportDocument document, string name)
    {
        var path = Path.Combine(_directory, name + ".hwpx");
        File.WriteAllBytes(path, HwpxPackage.Write(document).Bytes);
        return Hwpxjs.Extract(path);
    }

    /// <summary>
    /// What the document says, one entry per top-level paragraph: the title, headings as numeral and text,
    /// paragraphs as symbol and text (a line each), an empty entry for the paragraph that holds a table or a photo,
    /// and a photo's caption.
    /// The reader trims text, so expectations are trimmed too.
    /// </summary>
    private static string[] ExpectedParagraphs(ReportDocument document)
    {
        var expected = new List<string>();
        AddLines(expected, document.Title);
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    AddLines(expected, $"{heading.Numeral} {heading.Text}");
                    break;
                case ParagraphBlock paragraph:
                    AddLines(expected, paragraph.Symbol is null ? paragraph.Text : $"{paragraph.Symbol} {paragraph.Text}");
                    break;
                case TableBlock:
                    expected.Add("");
                    break;
                case PictureBlock picture:
                    expected.Add("");
                    AddLines(expected, picture.Caption);
                    break;
            }
        }

        return [.. expected];
    }

    private static string[] ExpectedCells(ReportDocument document) =>
        NonEmpty(document.Blocks.OfType<TableBlock>().SelectMany(t => t.Rows).SelectMany(r => r.Cells)
            .Select(c => string.Join("\n", Lines(c.Text).Select(l => l.Trim()))));

    private static string[] NonEmpty(IEnumerable<string> cells) => [.. cells.Where(c => c.Length > 0)];

    private static void AddLines(List<string> target, string text) => target.AddRange(Lines(text).Select(l => l.Trim()));

    private static string[] Lines(string text) => XmlText.Clean(text, out _).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
