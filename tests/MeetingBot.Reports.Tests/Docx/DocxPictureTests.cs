using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using MeetingBot.TestSupport;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace MeetingBot.Reports.Tests.Docx;

/// <summary>Ⅲ 회의 사진 in report.docx: inline DrawingML pictures inside the text width, each with its caption.</summary>
public sealed class DocxPictureTests
{
    /// <summary>A4 (11906 twips) less 20 mm margins each side, in EMU (635 per twip).</summary>
    private const long TextWidthEmu = (11906 - (2 * 1134)) * 635L;

    private const string PictureStyle = "Picture";
    private const string CaptionStyle = "PhotoCaption";

    private static readonly byte[] Wide = TestPictures.Png(1600, 900, (40, 90, 200));
    private static readonly byte[] Jpeg = File.ReadAllBytes(TestPictures.SampleJpegPath);

    private static ReportDocument WithPictures() => new("결과 보고",
    [
        new HeadingBlock("Ⅱ", "주요 회의내용"),
        new ParagraphBlock(0, "□", "안건"),
        new HeadingBlock("Ⅲ", "회의 사진", NewPage: true),
        new PictureBlock("s.png", ImageInfo.Png, Wide, 1600, 900, "전략사업분과회의"),
        new PictureBlock("f.jpg", ImageInfo.Jpeg, Jpeg, 640, 400, "기반조성분과회의 & <현장>"),
    ]);

    [Fact]
    public void Pictures_AreImagePartsDrawnInline_InsideTheTextWidth_ValidForMicrosoft365()
    {
        using var docx = WordprocessingDocument.Open(new MemoryStream(DocxWriterTests.Render(WithPictures(), out _)), false);
        var main = docx.MainDocumentPart!;

        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(docx).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var inlines = main.Document!.Body!.Descendants<Wp.Inline>().ToList();
        Assert.Equal(2, inlines.Count);
        var parts = inlines.Select(i => (ImagePart)main.GetPartById(i.Descendants<DocumentFormat.OpenXml.Drawing.Blip>().Single().Embed!.Value!)).ToList();
        Assert.Equal(["image/png", "image/jpeg"], parts.Select(p => p.ContentType));
        using (var stored = new MemoryStream())
        {
            using var data = parts[0].GetStream();
            data.CopyTo(stored);
            Assert.Equal(Wide, stored.ToArray());
        }

        foreach (var (inline, (width, height)) in inlines.Zip(new[] { (1600, 900), (640, 400) }))
        {
            var cx = inline.Extent!.Cx!.Value;
            var cy = inline.Extent.Cy!.Value;
            Assert.InRange(cx, 1, TextWidthEmu);
            Assert.Equal((double)width / height, (double)cx / cy, 2);
        }

        Assert.Equal([1u, 2u], inlines.Select(i => i.DocProperties!.Id!.Value));
    }

    [Fact]
    public void EachPicture_IsCentredWithItsCaptionUnderIt_AndⅢStartsAPage()
    {
        using var docx = WordprocessingDocument.Open(new MemoryStream(DocxWriterTests.Render(WithPictures(), out var replaced)), false);
        var paragraphs = docx.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();

        Assert.Equal(0, replaced);
        var heading = paragraphs.Single(p => p.InnerText.Contains("회의 사진", StringComparison.Ordinal));
        Assert.NotNull(heading.ParagraphProperties!.PageBreakBefore);
        Assert.Null(paragraphs.Single(p => p.InnerText.Contains("주요 회의내용", StringComparison.Ordinal)).ParagraphProperties!.PageBreakBefore);
        var pictures = paragraphs.Where(p => p.Descendants<Drawing>().Any()).ToList();
        Assert.All(pictures, p => Assert.Equal(PictureStyle, p.ParagraphProperties!.ParagraphStyleId!.Val!.Value));
        Assert.Equal(
            ["전략사업분과회의", "기반조성분과회의 & <현장>"],
            pictures.Select(p => paragraphs[paragraphs.IndexOf(p) + 1]).Select(c => c.InnerText));
        Assert.All(pictures, p => Assert.Equal(CaptionStyle, paragraphs[paragraphs.IndexOf(p) + 1].ParagraphProperties!.ParagraphStyleId!.Val!.Value));
    }
}
