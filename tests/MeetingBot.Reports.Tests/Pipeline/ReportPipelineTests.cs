using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using MeetingBot.Core;
using MeetingBot.Reports.Drafting;
using MeetingBot.TestSupport;
using MeetingBot.TestSupport.Documents;

namespace MeetingBot.Reports.Tests.Pipeline;

/// <summary>
/// Stored records → report → all four files, for generated stress meetings: the HWPX validator and the independent
/// reader, the DOCX validator and report.json's "every entry exactly once" all hold.
/// </summary>
public sealed class ReportPipelineTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("meetingbot-pipeline-");

    public void Dispose() => _work.Delete(recursive: true);

    public static TheoryData<string> Cases => new(["100 items, 2,000 entries", "8,000-character entries", "hostile text"]);

    private static MeetingRecord Create(string name) => name switch
    {
        "100 items, 2,000 entries" => GeneratedRecords.Record(2_000, items: 100),
        "8,000-character entries" => GeneratedRecords.Record(12, items: 3, longEntries: 6),
        _ => GeneratedRecords.Record(40, items: 4),
    };

    private async Task<(Report Report, ReportFilesResult Files)> WriteAsync(MeetingRecord record)
    {
        var report = await new ReportBuilder(new RuleDrafter()).BuildAsync([record]);
        return (report, await ReportFiles.Default().WriteAsync(report, _work.FullName));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ReportJson_HoldsEveryLiveEntryExactlyOnce(string name)
    {
        var record = Create(name);
        await WriteAsync(record);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_work.FullName, "report.json")));
        var sources = json.RootElement.GetProperty("items").EnumerateArray()
            .SelectMany(i => i.GetProperty("opinions").EnumerateArray().Concat(i.GetProperty("decisions").EnumerateArray()))
            .SelectMany(o => o.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(record.Entries.Where(e => !e.Withdrawn).Select(e => e.SourceId).Order(StringComparer.Ordinal), sources);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hwpx_PassesTheStructuralValidator(string name)
    {
        await WriteAsync(Create(name));

        Assert.Empty(HwpxValidator.Validate(await File.ReadAllBytesAsync(Path.Combine(_work.FullName, "report.hwpx"))));
    }

    [HwpxjsTheory]
    [MemberData(nameof(Cases))]
    public async Task Hwpx_IndependentReaderRecoversEveryHeadingAndBullet(string name)
    {
        var (report, _) = await WriteAsync(Create(name));

        var extracted = Hwpxjs.Extract(Path.Combine(_work.FullName, "report.hwpx"));

        var paragraphs = extracted.Paragraphs.Select(p => p.Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(paragraphs, p => p.Contains("주요 회의내용", StringComparison.Ordinal));
        foreach (var opinion in report.Items.SelectMany(i => i.Opinions))
        {
            var expected = "▸ " + XmlText.Clean(opinion.Text, out _);
            Assert.Contains(paragraphs, p => p.EndsWith(expected, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Docx_PassesTheOpenXmlValidator_AndHoldsEveryBullet(string name)
    {
        var (report, files) = await WriteAsync(Create(name));

        using var docx = WordprocessingDocument.Open(Path.Combine(_work.FullName, "report.docx"), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(docx).Select(e => e.Description).ToList();
        Assert.Empty(errors);
        var text = docx.MainDocumentPart!.Document!.Body!.InnerText;
        foreach (var opinion in report.Items.SelectMany(i => i.Opinions).Take(200))
        {
            Assert.Contains(XmlText.Clean(opinion.Text, out _), text, StringComparison.Ordinal);
        }

        // Every generated meeting's content table holds control characters: they are replaced and counted, never written.
        Assert.True(files.ReplacedCharacters > 0);
        Assert.DoesNotContain('\u0001', text);
    }
}
