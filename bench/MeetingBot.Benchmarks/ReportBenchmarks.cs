using BenchmarkDotNet.Attributes;
using MeetingBot.Core;
using MeetingBot.Reports;
using MeetingBot.Reports.Drafting;
using MeetingBot.Reports.Markdown;

namespace MeetingBot.Benchmarks;

/// <summary>Report build time: model (rule drafter over every entry), layout and the writers.</summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private MeetingRecord _tenThousand = null!;
    private readonly ReportBuilder _builder = new(new RuleDrafter());

    [GlobalSetup]
    public void Setup() => _tenThousand = BenchMeetings.Record(10_000);

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
