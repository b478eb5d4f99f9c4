using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using MeetingBot.Host.Cli;
using MeetingBot.TestSupport;
using MeetingBot.TestSupport.Documents;

namespace MeetingBot.Host.Tests.Cli;

/// <summary>The documents <c>simulate</c> writes for the project's September samples: valid, readable, rendered.</summary>
public sealed class SimulateDocumentsTests : IClassFixture<SimulateDocumentsTests.SampleRun>
{
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
    public void Hwpx_IndependentReaderRecoversHeadingsAndBullets()
    {
        var extracted = Hwpxjs.Extract(_run.PathOf("report.hwpx"));
        var md = File.ReadAllLines(_run.PathOf("report.md")).Select(l => l.Trim('\u3000', ' ')).Where(l => l.StartsWith('▸')).ToList();

        Assert.Contains(extracted.Paragraphs, p => p.Contains("영등포구협치회의 분과회의(9월) 개최 결과 보고", StringComparison.Ordinal));
        Assert.Contains(extracted.Paragraphs, p => p.Contains("주요 회의내용", StringComparison.Ordinal));
        Assert.Equal(md.Count, extracted.Paragraphs.Count(p => p.TrimStart().StartsWith('▸')));
        Assert.Contains(extracted.Cells, c => c.Contains("조영윤 외 4명", StringComparison.Ordinal));
    }

    [Fact]
    public void Docx_PassesTheOpenXmlValidator()
    {
        using var docx = WordprocessingDocument.Open(_run.PathOf("report.docx"), false);

        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(docx).Select(e => e.Description));
        Assert.Contains("이견 없음", docx.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void Docx_RendersInLibreOfficeWithTheKoreanText()
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
            var text = string.Concat(ExternalTool.Run("pdftotext", ["-enc", "UTF-8", pdf, "-"], TimeSpan.FromSeconds(60)).Where(c => !char.IsWhiteSpace(c)));

            Assert.Contains("영등포구협치회의분과회의(9월)개최결과보고", text);
            Assert.Contains("주요회의내용", text);
            Assert.Contains("김미순외6명", text);
            Assert.Contains("협치조정관", text);

            var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
            File.Copy(pdf, Path.Combine(artifacts.FullName, "sample-report.pdf"), overwrite: true);
            ExternalTool.Run("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "2", pdf, Path.Combine(artifacts.FullName, "sample-report-page")], TimeSpan.FromSeconds(60));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
