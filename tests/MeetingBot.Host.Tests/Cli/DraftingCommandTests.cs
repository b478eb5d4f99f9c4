using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingBot.Core;
using MeetingBot.Host.Cli;
using MeetingBot.Reports.Drafting;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Cli;

/// <summary><c>simulate</c> and <c>eval-drafting</c> with the Azure OpenAI drafter pointed at a local fake service.</summary>
public sealed class DraftingCommandTests : CliTest
{
    private string Settings(object? azure, string provider = "azure-openai")
    {
        var path = Path.Combine(Work, $"settings-{Guid.NewGuid():N}.json");
        var drafting = new JsonObject { ["Provider"] = provider };
        if (azure is not null)
        {
            drafting["AzureOpenAI"] = JsonSerializer.SerializeToNode(azure);
        }

        File.WriteAllText(path, new JsonObject { ["Drafting"] = drafting }.ToJsonString());
        return path;
    }

    private string SettingsFor(FakeAzureOpenAI fake) => Settings(new
    {
        Endpoint = fake.Endpoint.ToString(),
        Deployment = FakeAzureOpenAI.Deployment,
        ApiKey = FakeAzureOpenAI.Key,
        RetryDelay = "00:00:00",
    });

    [Fact]
    public async Task Simulate_WithAzureOpenAI_AnsweringBadly_StillReportsEveryEntryExactlyOnce()
    {
        // Drops the first entry, invents a source, and ends with a bullet that claims everyone agreed.
        await using var fake = await FakeAzureOpenAI.StartAsync(request =>
        {
            var entries = request.Entries;
            var bullets = entries.Skip(1)
                .Select(e => (KoreanFormalizer.Formalize(e.Text, Enum.Parse<EntryKind>(e.Kind, ignoreCase: true)), e.Kind, new[] { e.Id }))
                .Append(("예산을 두 배로 늘리기로 함.", "opinion", ["m999"]))
                .Append(("모든 위원이 동의함.", "opinion", entries.Select(e => e.Id).ToArray()))
                .ToArray();
            return FakeReply.Bullets(bullets);
        });
        var outDir = Path.Combine(Work, "out");

        var (code, stdout, stderr) = await RunAsync("simulate", SharedSample(), "--out", outDir, "--settings", SettingsFor(fake));

        Assert.True(code == 0, stderr);
        Assert.Contains("초안 작성: azure-openai — 안건 4개 중 규칙 기반 대체 0개", stdout);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")));
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        var sources = items
            .SelectMany(i => i.GetProperty("opinions").EnumerateArray().Concat(i.GetProperty("decisions").EnumerateArray()))
            .SelectMany(o => o.GetProperty("sources").EnumerateArray().Select(s => s.GetString()))
            .ToList();
        Assert.Equal(14, sources.Count);
        Assert.Equal(14, sources.Distinct().Count());
        Assert.DoesNotContain("m999", sources);
        var discussed = items.Where(i => i.GetProperty("opinions").GetArrayLength() > 0).ToList();
        Assert.Equal(4, discussed.Count);
        Assert.All(discussed, i => Assert.Equal("azure-openai", i.GetProperty("drafter").GetString()));
        Assert.All(discussed, i =>
        {
            var notes = i.GetProperty("guardNotes").EnumerateArray().Select(n => n.GetString()!).ToList();
            Assert.Contains("없는 출처를 인용한 모델 문장 1개를 버림", notes);
            Assert.Contains(notes, n => n.Contains("원문과 겹치는 표현이 적어", StringComparison.Ordinal));
        });
        var drafting = json.RootElement.GetProperty("drafting");
        Assert.Equal("azure-openai", drafting.GetProperty("provider").GetString());
        Assert.Equal(4 * 120, drafting.GetProperty("promptTokens").GetInt64());
        Assert.Equal(4 * 40, drafting.GetProperty("completionTokens").GetInt64());
        Assert.Equal(4, fake.Requests.Count);
        var md = await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"));
        Assert.DoesNotContain("모든 위원이 동의함", md);
        Assert.DoesNotContain("두 배로", md);
    }

    [Fact]
    public async Task Simulate_WithAzureOpenAI_CallingEverythingAnOpinion_ReportKeepsEachEntrantsKind()
    {
        // Labels every bullet an opinion, and folds the question into the remark before it.
        await using var fake = await FakeAzureOpenAI.StartAsync(request =>
        {
            var bullets = new List<(string Text, string Kind, string[] Sources)>();
            foreach (var entry in request.Entries)
            {
                var text = KoreanFormalizer.Formalize(entry.Text, Enum.Parse<EntryKind>(entry.Kind, ignoreCase: true));
                if (entry.Kind == "question" && bullets.Count > 0)
                {
                    var previous = bullets[^1];
                    bullets[^1] = (previous.Text + " " + text, "opinion", [.. previous.Sources, entry.Id]);
                }
                else
                {
                    bullets.Add((text, "opinion", [entry.Id]));
                }
            }

            return FakeReply.Bullets([.. bullets]);
        });
        var outDir = Path.Combine(Work, "out");

        var (code, _, stderr) = await RunAsync("simulate", SharedSample(), "--out", outDir, "--settings", SettingsFor(fake));

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")));
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        var kinds = items.SelectMany(i => i.GetProperty("opinions").EnumerateArray()).Select(o => o.GetProperty("kind").GetString()).ToList();
        Assert.Equal(9, kinds.Count(k => k == "opinion"));
        Assert.Equal(3, kinds.Count(k => k == "proposal"));
        Assert.Equal(1, kinds.Count(k => k == "question"));
        var notes = items.SelectMany(i => i.GetProperty("guardNotes").EnumerateArray().Select(n => n.GetString()!)).ToList();
        Assert.Equal(3, notes.Count(n => n.EndsWith("작성자가 남긴 종류(제안)로 되돌림", StringComparison.Ordinal)));
        Assert.Single(notes, n => n.EndsWith("종류가 다른 발언(의견·질문)을 한 문장으로 합쳐 규칙 기반 문장으로 바꿈", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simulate_WithAzureOpenAIButNoEndpoint_NamesTheSettings_AndUsesRulesOnlyWhenAsked()
    {
        var settings = Settings(new { Deployment = "gpt-4o" });
        var dir = SharedSample();

        var (code, _, stderr) = await RunAsync("simulate", dir, "--out", Path.Combine(Work, "a"), "--settings", settings);
        var (rulesCode, rulesOut, rulesErr) = await RunAsync("simulate", dir, "--out", Path.Combine(Work, "b"), "--settings", settings, "--drafting", "rules");

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("Drafting:AzureOpenAI:Endpoint 이(가) 설정되지 않았습니다", stderr);
        Assert.Contains("Drafting:AzureOpenAI:ApiKey", stderr);
        Assert.Contains("--drafting rules", stderr);
        Assert.False(File.Exists(Path.Combine(Work, "a", "report.json")));
        Assert.True(rulesCode == 0, rulesErr);
        Assert.Contains("report.md", rulesOut);
        Assert.Contains("\"provider\": \"rules\"", await File.ReadAllTextAsync(Path.Combine(Work, "b", "report.json")));
    }

    [Fact]
    public async Task Simulate_WithAPlainHttpEndpointElsewhere_IsRefused()
    {
        var settings = Settings(new { Endpoint = "http://example.openai.azure.com/", Deployment = "gpt-4o", ApiKey = "k" });

        var (code, _, stderr) = await RunAsync("simulate", SharedSample(), "--out", Path.Combine(Work, "out"), "--settings", settings);

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("Drafting:AzureOpenAI:Endpoint 은(는) https://", stderr);
    }

    [Fact]
    public async Task EvalDrafting_SharedSample_PrintsTheBaselineAndRuleScores()
    {
        var (code, stdout, stderr) = await RunAsync("eval-drafting", SharedSample(), "--reference", RepositoryFiles.ReferenceReport, "--settings", Settings(null, "rules"));

        Assert.True(code == 0, stderr);
        Assert.Contains("| 작성기 | 참조 항목 수 | 초안 항목 수 | coverage | F1 | style |", stdout);
        Assert.Contains("| 기준선(원문, 합니다→함) | 13 | 13 | 0.769 | 0.569 | 0.00 |", stdout);
        Assert.Contains("| rules | 13 | 13 | 0.846 | 0.641 | 1.00 |", stdout);
        Assert.Contains("azure-openai: 설정되지 않아 건너뜀 — Drafting:AzureOpenAI:Endpoint", stdout);
    }

    [Fact]
    public async Task EvalDrafting_WithAzureOpenAIConfigured_ScoresItBesideTheRules()
    {
        // A model that writes each remark as the reference report did: the closest reference bullet.
        var references = DraftEvaluation.ParseBullets(await File.ReadAllTextAsync(RepositoryFiles.ReferenceReport));
        await using var fake = await FakeAzureOpenAI.StartAsync(request => FakeReply.Bullets(request.Entries
            .Select(e => (references.MaxBy(r => DraftEvaluation.BigramF1(r, e.Text))!, e.Kind, new[] { e.Id }))
            .ToArray()));

        var (code, stdout, stderr) = await RunAsync("eval-drafting", SharedSample(), "--reference", RepositoryFiles.ReferenceReport, "--settings", SettingsFor(fake));

        Assert.True(code == 0, stderr);
        Assert.Contains("| rules | 13 | 13 | 0.846 | 0.641 | 1.00 |", stdout);
        Assert.Contains("| azure-openai | 13 | 13 | 1.000 | 1.000 | 1.00 |", stdout);
        Assert.Contains("초안 작성: azure-openai — 안건 4개 중 규칙 기반 대체 0개, 가드 조치 0건, 토큰 입력 480 / 출력 160", stdout);
    }

    [Fact]
    public async Task EvalDrafting_OnlyAzureOpenAI_WithoutSettings_NamesTheSetting()
    {
        var (code, _, stderr) = await RunAsync("eval-drafting", SharedSample(), "--reference", RepositoryFiles.ReferenceReport, "--drafting", "azure-openai", "--settings", Settings(null, "rules"));

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("Drafting:AzureOpenAI:Endpoint 이(가) 설정되지 않았습니다", stderr);
    }

    [Fact]
    public async Task EvalDrafting_BadInput_ExitsNonZeroWithAKoreanMessage()
    {
        var dir = SharedSample();
        var noBullets = Path.Combine(Work, "plain.txt");
        await File.WriteAllTextAsync(noBullets, "Ⅰ 개최 개요\n글머리 없는 보고서\n");

        var missingReference = await RunAsync("eval-drafting", dir);
        var absentReference = await RunAsync("eval-drafting", dir, "--reference", Path.Combine(Work, "none.txt"));
        var emptyReference = await RunAsync("eval-drafting", dir, "--reference", noBullets);
        var unknownDrafter = await RunAsync("eval-drafting", dir, "--reference", RepositoryFiles.ReferenceReport, "--drafting", "gpt");
        var absentSettings = await RunAsync("eval-drafting", dir, "--reference", RepositoryFiles.ReferenceReport, "--settings", Path.Combine(Work, "none.json"));

        Assert.All([missingReference, absentReference, emptyReference, unknownDrafter, absentSettings], r => Assert.Equal(CommandLine.BadInput, r.Code));
        Assert.Contains("--reference", missingReference.Err);
        Assert.Contains("참조 보고서 파일을 찾을 수 없습니다", absentReference.Err);
        Assert.Contains("▸ 항목을 찾지 못했습니다", emptyReference.Err);
        Assert.Contains("Drafting:Provider 'gpt' 은(는) 지원하지 않습니다", unknownDrafter.Err);
        Assert.Contains("설정 파일을 찾을 수 없습니다", absentSettings.Err);
    }
}
