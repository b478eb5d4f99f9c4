using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using MeetingBot.Host.Cli;
using MeetingBot.TestSupport;
using MeetingBot.TestSupport.Documents;

namespace MeetingBot.Host.Tests.Cli;

/// <summary>
/// The combined report <c>simulate</c> writes for the project's three September meetings and their photos: shared items
/// once, Ⅲ 회의 사진 in every format, valid, readable, rendered.
/// </summary>
public sealed partial class SimulateDocumentsTests : IClassFixture<SimulateDocumentsTests.SampleRun>
{
    /// <summary>The sample's photos in the order of Ⅰ: 협치기반조성 (JPEG), 역량강화, 전략사업.</summary>
    private static readonly string[] SamplePhotos =
    [
        RepositoryFiles.PathOf("samples", "2020-09", "photos", "ydp-2020-09-foundation.jpg"),
        RepositoryFiles.PathOf("samples", "2020-09", "photos", "ydp-2020-09-capacity.png"),
        RepositoryFiles.PathOf("samples", "2020-09", "photos", "ydp-2020-09-strategy.png"),
    ];

    private readonly SampleRun _run;

    public SimulateDocumentsTests(SampleRun run) => _run = run;

    /// <summary>Runs simulate once on samples/2020-09 for all tests of this class.</summary>
    public sealed class SampleRun : IAsyncLifetime
    {
        public string Out { get; } = Path.Combine(Path.GetTempPath(), "meetingbot-sample-docs", Guid.NewGuid().ToString("N"));

        public string PathOf(string name) => Path.Combine(Out, name);

        public async Task InitializeAsync()
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = await CommandLine.RunAsync(["simulate", RepositoryFiles.PathOf("samples", "2020-09"), "--out", Out], stdout, stderr);
            Assert.True(code == 0, stderr.ToString());
        }

        public Task DisposeAsync()
        {
            Directory.Delete(Out, recursive: true);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void Hwpx_PassesTheStructuralValidator() =>
        Assert.Empty(HwpxValidator.Validate(File.ReadAllBytes(_run.PathOf("report.hwpx"))));

    [HwpxjsFact]
    public void Hwpx_IndependentReaderRecoversHeadingsBulletsAndThePhotos()
    {
        var extracted = Hwpxjs.Extract(_run.PathOf("report.hwpx"));
        var md = File.ReadAllLines(_run.PathOf("report.md")).Select(l => l.Trim('\u3000', ' ')).Where(l => l.StartsWith('▸')).ToList();

        Assert.Contains(extracted.Paragraphs, p => p.Contains("영등포구협치회의 분과회의(9월) 개최 결과 보고", StringComparison.Ordinal));
        Assert.Contains(extracted.Paragraphs, p => p.Contains("주요 회의내용", StringComparison.Ordinal));
        Assert.Equal(md.Count, extracted.Paragraphs.Count(p => p.TrimStart().StartsWith('▸')));
        Assert.Contains(extracted.Cells, c => c.Contains("조영윤 외 4명", StringComparison.Ordinal));
        Assert.Equal(SamplePhotos.Select(File.ReadAllBytes), extracted.Images.Select(i => i.Bytes));
        Assert.Equal(["기반조성분과회의", "역량강화분과회의", "전략사업분과회의"], extracted.Paragraphs.Where(p => p.EndsWith("분과회의", StringComparison.Ordinal)));
    }

    [Fact]
    public void Markdown_PrintsEachSharedItemOnce_ThenⅢWithThePhotos_Then붙임()
    {
        var md = File.ReadAllText(_run.PathOf("report.md"));

        Assert.DoesNotContain("분과】", md, StringComparison.Ordinal);
        Assert.Equal(1, Count(md, "**□ 2021 지역사회혁신계획 최종 수립 보고**"));
        Assert.Equal(1, Count(md, "| 7 | 일반사업 | 왁자지껄 나만의 생활상권 만들기 |"));
        Assert.Equal(1, Count(md, "❍ 회의결과: 이견 없음"));
        Assert.Equal(24, md.Split('\n').Count(l => l.TrimStart('\u3000').StartsWith('▸')));
        var headings = md.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["## Ⅰ 개최 개요", "## Ⅱ 주요 회의내용", "## Ⅲ 회의 사진", "## 붙임 시간 운영 결과"], headings);
        Assert.Contains("![기반조성분과회의](photos/ydp-2020-09-foundation.jpg)", md, StringComparison.Ordinal);
        Assert.All(SamplePhotos, p => Assert.Equal(File.ReadAllBytes(p), File.ReadAllBytes(_run.PathOf(Path.Combine("photos", Path.GetFileName(p))))));
    }

    [Fact]
    public void Docx_PassesTheOpenXmlValidator_WithThePhotosInline()
    {
        using var docx = WordprocessingDocument.Open(_run.PathOf("report.docx"), false);

        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(docx).Select(e => e.Description));
        Assert.Contains("이견 없음", docx.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
        Assert.Equal(["image/jpeg", "image/png", "image/png"], docx.MainDocumentPart.Document.Body.Descendants<DocumentFormat.OpenXml.Drawing.Blip>()
            .Select(b => docx.MainDocumentPart.GetPartById(b.Embed!.Value!).ContentType));
    }

    /// <summary>
    /// The combined report as LibreOffice lays it out: each shared item's content once, and the three photos with their
    /// captions on the Ⅲ page. Every page is kept as a PNG under <c>artifacts/</c> (report-combined-page{N}.png) and the
    /// photo page also as report-combined-photos.png, for the README.
    /// </summary>
    [Fact]
    public void Docx_RendersInLibreOffice_SharedItemsOnce_AndThePhotosOnTheⅢPage()
    {
        var work = Directory.CreateTempSubdirectory("meetingbot-sample-render-");
        try
        {
            var docx = Path.Combine(work.FullName, "report.docx");
            File.Copy(_run.PathOf("report.docx"), docx);
            ExternalTool.Run("soffice",
                ["--headless", "--norestore", $"-env:UserInstallation=file://{work.FullName}/profile", "--convert-to", "pdf", "--outdir", work.FullName, docx],
                TimeSpan.FromMinutes(3));
            var pdf = Path.Combine(work.FullName, "report.pdf");
            var text = Squeeze(ExternalTool.Run("pdftotext", ["-enc", "UTF-8", pdf, "-"], TimeSpan.FromSeconds(60)));

            Assert.Contains("영등포구협치회의분과회의(9월)개최결과보고", text);
            Assert.Contains("김미순외6명", text);
            Assert.Equal(1, Count(text, "사업규모:8.5억"));
            Assert.Equal(1, Count(text, "왁자지껄나만의생활상권만들기"));
            Assert.Equal(1, Count(text, "회의결과:이견없음"));

            var pages = int.Parse(PagesLine().Match(ExternalTool.Run("pdfinfo", [pdf], TimeSpan.FromSeconds(60))).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var photoPage = Enumerable.Range(1, pages).Single(p => Squeeze(PageText(pdf, p)).StartsWith("Ⅲ회의사진", StringComparison.Ordinal));
            Assert.Equal(["기반조성분과회의", "역량강화분과회의", "전략사업분과회의"],
                PageText(pdf, photoPage).Split('\n').Select(l => l.Trim()).Where(l => l.EndsWith("분과회의", StringComparison.Ordinal)));
            var images = ExternalTool.Run("pdfimages", ["-list", "-f", $"{photoPage}", "-l", $"{photoPage}", pdf], TimeSpan.FromSeconds(60))
                .Split('\n').Skip(2).Count(l => l.Contains(" image ", StringComparison.Ordinal));
            Assert.Equal(3, images);
            Assert.StartsWith("붙임시간운영결과", Squeeze(PageText(pdf, photoPage + 1)), StringComparison.Ordinal);

            var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
            File.Copy(pdf, Path.Combine(artifacts.FullName, "report-combined.pdf"), overwrite: true);
            File.WriteAllText(Path.Combine(artifacts.FullName, "report-combined-pages.txt"), $"pages {pages}, photo page {photoPage}\n");
            ExternalTool.Run("pdftoppm", ["-png", "-r", "70", pdf, Path.Combine(artifacts.FullName, "report-combined-page")], TimeSpan.FromSeconds(60));
            ExternalTool.Run("pdftoppm", ["-png", "-r", "70", "-f", $"{photoPage}", "-l", $"{photoPage}", "-singlefile", pdf, Path.Combine(artifacts.FullName, "report-combined-photos")], TimeSpan.FromSeconds(60));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string PageText(string pdf, int page) =>
        ExternalTool.Run("pdftotext", ["-enc", "UTF-8", "-f", $"{page}", "-l", $"{page}", pdf, "-"], TimeSpan.FromSeconds(60));

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Line wrapping and justification move spaces around; compare text without them.</summary>
    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();
}
