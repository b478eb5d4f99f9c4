using BenchmarkDotNet.Attributes;
using MeetingBot.Core;
using MeetingBot.Reports;
using MeetingBot.Reports.Drafting;
using MeetingBot.Reports.Markdown;
using MeetingBot.TestSupport;

namespace MeetingBot.Benchmarks;

/// <summary>Report build time: model (rule drafter over every entry), layout and the writers.</summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private MeetingRecord _tenThousand = null!;
    private MeetingRecord _twoThousand = null!;
    private readonly ReportBuilder _builder = new(new RuleDrafter());
    private readonly ReportFiles _files = ReportFiles.Default();

    [GlobalSetup]
    public void Setup()
    {
        _tenThousand = GeneratedRecords.Record(10_000);
        _twoThousand = GeneratedRecords.Record(2_000);
    }

    [Benchmark(Description = "2,000 entries: model + layout + md, json, docx, hwpx")]
    public async Task<long> TwoThousandEntriesAllFormats()
    {
        var report = await _builder.BuildAsync([_twoThousand]);
        var document = ReportLayout.Build(report);
        long total = 0;
        using (var json = new MemoryStream())
        {
            ReportJson.Write(report, json);
            total += json.Length;
        }

        foreach (var writer in _files.Writers)
        {
            using var stream = new MemoryStream();
            writer.Write(document, stream);
            total += stream.Length;
        }

        return total;
    }

    [Benchmark(Description = "10,000 entries: model + layout + report.md + report.json")]
    public async Task<long> TenThousandEntries()
    {
        var report = await _builder.BuildAsync([_tenThousand]);
        var document = ReportLayout.Build(report);
        using var md = new MemoryStream();
        new MarkdownWriter().Write(document, md);
        using var json = new MemoryStream();
        ReportJson.Write(report, json);
        return md.Length + json.Length;
    }
}
