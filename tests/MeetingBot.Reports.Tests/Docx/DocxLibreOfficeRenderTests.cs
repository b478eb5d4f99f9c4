using MeetingBot.TestSupport.Documents;

namespace MeetingBot.Reports.Tests.Docx;

/// <summary>
/// Renders the DOCX with a real word processor (LibreOffice, headless) to prove it opens and lays out as Korean
/// text, and keeps the DOCX, the PDF and page 1 as a PNG under the test output's <c>artifacts/</c> folder for a
/// person to look at (and to open in Word or Hangul).
/// </summary>
public sealed class DocxLibreOfficeRenderTests
{
    private static readonly TimeSpan ConvertTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void ReferenceReport_ConvertsToPdfWithKoreanTextInAKoreanFont()
    {
        var document = ReferenceLikeReport.Create();
        var work = Directory.CreateTempSubdirectory("meetingbot-docx-");
        try
        {
            var docx = Path.Combine(work.FullName, "report.docx");
            File.WriteAllBytes(docx, DocxWriterTests.Render(document, out _));

            // A private profile per run: parallel soffice processes sharing one profile block each other.
            ExternalTool.Run("soffice",
            [
                "--headless", "--norestore", $"-env:UserInstallation=file://{work.FullName}/profile",
                "--convert-to", "pdf", "--outdir", work.FullName, docx,
            ], ConvertTimeout);
            var pdf = Path.Combine(work.FullName, "report.pdf");
            Assert.True(File.Exists(pdf), "LibreOffice wrote no PDF");

            var text = Squeeze(ExternalTool.Run("pdftotext", ["-enc", "UTF-8", pdf, "-"], ToolTimeout));
            Assert.Contains(Squeeze(ReferenceLikeReport.Title), text);
            foreach (var heading in new[] { ReferenceLikeReport.Overview, ReferenceLikeReport.Contents, ReferenceLikeReport.Photos })
            {
                Assert.Contains(Squeeze(heading.Numeral + heading.Text), text);
            }

            Assert.Contains(Squeeze("❍ 주요의견"), text);
            Assert.Contains(Squeeze($"{ReferenceLikeReport.LongOpinion.Symbol} {ReferenceLikeReport.LongOpinion.Text}"), text);
            Assert.Contains(Squeeze("구민과 함께하는 민·관 협치 2.0"), text);
            Assert.Contains("850,000", text);

            var fonts = ExternalTool.Run("pdffonts", [pdf], ToolTimeout);
            Assert.Contains("Nanum", fonts);

            var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
            File.Copy(docx, Path.Combine(artifacts.FullName, "docx-reference.docx"), overwrite: true);
            File.Copy(pdf, Path.Combine(artifacts.FullName, "docx-reference.pdf"), overwrite: true);
            var png = Path.Combine(artifacts.FullName, "docx-reference-page1");
            ExternalTool.Run("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, png], ToolTimeout);
            Assert.True(new FileInfo(png + ".png").Length > 10_000, "page 1 PNG is missing or blank");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Line wrapping and justification move spaces around; compare text without them.</summary>
    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
