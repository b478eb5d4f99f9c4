using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Reports.Drafting;
using MeetingBot.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace MeetingBot.Reports.Tests.Drafting;

/// <summary>How <see cref="ReportBuilder"/> uses the drafting port, with the port mocked.</summary>
public sealed class ReportBuilderDraftingTests
{
    // Items 2, 3 and 4 of the test meeting each hold two remarks.
    private static MeetingRecord Record()
    {
        var meeting = TestMeetings.Strategy();
        var entries = Enumerable.Range(0, 6)
            .Select(i => new Entry
            {
                MeetingId = meeting.Id,
                Number = i + 1,
                Kind = EntryKind.Opinion,
                ItemIndex = 2 + (i / 2),
                Text = $"{i + 1}번째 의견입니다",
                AuthorName = "박서연",
                SourceId = $"s{i + 1}",
                CapturedAt = TestMeetings.Start.AddMinutes(10 + i),
            })
            .ToList();
        return new MeetingRecord(meeting, MeetingRuntime.NotStartedFor(meeting), entries);
    }

    private static DraftResult Drafted(DraftRequest request, string drafter = "model", DraftUsage? usage = null) => new(
        request.Sources.Select(s => new ReportOpinion { Text = $"{s.Id} 초안.", Kind = s.Kind, Sources = [s.Id] }).ToList(),
        drafter,
        [],
        usage);

    private static Mock<IOpinionDrafter> Drafter(DraftingLimits limits)
    {
        var drafter = new Mock<IOpinionDrafter>(MockBehavior.Strict);
        drafter.SetupGet(d => d.Name).Returns("model");
        drafter.SetupGet(d => d.Limits).Returns(limits);
        return drafter;
    }

    private static IEnumerable<string> AllSources(Report report) => report.Items.SelectMany(i => i.Opinions).SelectMany(o => o.Sources);

    [Fact]
    public async Task Items_AreDraftedConcurrentlyUpToTheLimit_AndKeptInAgendaOrder()
    {
        var drafter = Drafter(new DraftingLimits(2, null));
        var calls = new Dictionary<int, TaskCompletionSource<DraftResult>>();
        var twoStarted = new TaskCompletionSource();
        var inFlight = 0;
        var most = 0;
        var gate = new Lock();
        drafter.Setup(d => d.DraftAsync(It.IsAny<DraftRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (DraftRequest request, CancellationToken _) =>
            {
                var call = new TaskCompletionSource<DraftResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (gate)
                {
                    calls[request.ItemIndex] = call;
                    most = Math.Max(most, ++inFlight);
                    if (calls.Count == 2)
                    {
                        twoStarted.SetResult();
                    }
                }

                var result = await call.Task;
                lock (gate)
                {
                    inFlight--;
                }

                return result;
            });

        var building = new ReportBuilder(drafter.Object).BuildAsync([Record()]);
        await twoStarted.Task;
        Assert.Equal([2, 3], calls.Keys.Order());

        // Finish them last-first: the third item starts only once a slot is free, and the order still holds.
        calls[3].SetResult(Drafted(Request(3), usage: new DraftUsage(10, 1)));
        await WaitUntil(() => calls.ContainsKey(4));
        calls[4].SetResult(Drafted(Request(4), usage: new DraftUsage(20, 2)));
        calls[2].SetResult(Drafted(Request(2), usage: new DraftUsage(30, 3)));
        var report = await building;

        Assert.Equal(2, most);
        Assert.Equal([1, 2, 3, 4], report.Items.Select(i => i.Index));
        Assert.Equal(["s1", "s2", "s3", "s4", "s5", "s6"], AllSources(report));
        Assert.Equal(new ReportUsage("model", 60, 6), report.Usage);
        drafter.Verify(d => d.DraftAsync(It.Is<DraftRequest>(r => r.ItemIndex == 1), It.IsAny<CancellationToken>()), Times.Never);

        async Task WaitUntil(Func<bool> condition)
        {
            while (true)
            {
                lock (gate)
                {
                    if (condition())
                    {
                        return;
                    }
                }

                await Task.Yield();
            }
        }
    }

    [Fact]
    public async Task SpentBudget_WritesTheRemainingItemsByRules_AndLosesNothing()
    {
        var time = new FakeTimeProvider(TestMeetings.Start);
        var drafter = Drafter(new DraftingLimits(1, TimeSpan.FromMinutes(2)));
        var stuck = new TaskCompletionSource();
        drafter.Setup(d => d.DraftAsync(It.IsAny<DraftRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (DraftRequest request, CancellationToken token) =>
            {
                if (request.ItemIndex == 2)
                {
                    return Drafted(request);
                }

                stuck.SetResult();
                await Task.Delay(Timeout.Infinite, token);
                throw new InvalidOperationException("unreachable");
            });

        var building = new ReportBuilder(drafter.Object, time).BuildAsync([Record()]);
        await stuck.Task;
        time.Advance(TimeSpan.FromMinutes(2));
        var report = await building;

        Assert.Equal(["model", "rules", "rules"], report.Items.Skip(1).Select(i => i.Drafter));
        Assert.All(report.Items.Skip(2), i => Assert.Equal(["보고서 초안 작성 시간 예산을 넘어 규칙 기반으로 작성함"], i.GuardNotes));
        Assert.Equal(["s1", "s2", "s3", "s4", "s5", "s6"], AllSources(report));
        Assert.Equal("3번째 의견임.", report.Items[2].Opinions[0].Text);
    }

    [Fact]
    public async Task DrafterFailure_IsWrittenByRules_WithTheReason()
    {
        var drafter = Drafter(DraftingLimits.Sequential);
        drafter.Setup(d => d.DraftAsync(It.IsAny<DraftRequest>(), It.IsAny<CancellationToken>()))
            .Returns((DraftRequest request, CancellationToken _) => request.ItemIndex == 3
                ? throw new InvalidOperationException("boom")
                : Task.FromResult(Drafted(request)));

        var report = await new ReportBuilder(drafter.Object).BuildAsync([Record()]);

        Assert.Equal("rules", report.Items[2].Drafter);
        Assert.Equal(["초안 작성기 오류(InvalidOperationException)로 규칙 기반으로 작성함"], report.Items[2].GuardNotes);
        Assert.Equal(["s1", "s2", "s3", "s4", "s5", "s6"], AllSources(report));
    }

    [Fact]
    public async Task CallersCancellation_IsNotMistakenForASpentBudget()
    {
        var drafter = Drafter(new DraftingLimits(2, TimeSpan.FromMinutes(2)));
        using var cancel = new CancellationTokenSource();
        drafter.Setup(d => d.DraftAsync(It.IsAny<DraftRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (DraftRequest _, CancellationToken token) =>
            {
                await cancel.CancelAsync();
                await Task.Delay(Timeout.Infinite, token);
                throw new InvalidOperationException("unreachable");
            });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ReportBuilder(drafter.Object).BuildAsync([Record()], cancel.Token));
    }

    [Fact]
    public async Task ReportJson_RecordsTheProviderAndTokens_AndEachItemsDrafterAndGuardNotes()
    {
        var drafter = Drafter(DraftingLimits.Sequential);
        drafter.Setup(d => d.DraftAsync(It.IsAny<DraftRequest>(), It.IsAny<CancellationToken>()))
            .Returns((DraftRequest request, CancellationToken _) => Task.FromResult(request.ItemIndex == 2
                ? Drafted(request, usage: new DraftUsage(1200, 340)) with { GuardNotes = ["s2: 모델이 빠뜨려 규칙 기반 문장으로 넣음"] }
                : DraftGuards.FallBack(request, "이유")));

        var report = await new ReportBuilder(drafter.Object).BuildAsync([Record()]);
        using var json = JsonDocument.Parse(ReportJson.Serialize(report));

        var drafting = json.RootElement.GetProperty("drafting");
        Assert.Equal("model", drafting.GetProperty("provider").GetString());
        Assert.Equal(1200, drafting.GetProperty("promptTokens").GetInt64());
        Assert.Equal(340, drafting.GetProperty("completionTokens").GetInt64());
        var item = json.RootElement.GetProperty("items")[1];
        Assert.Equal("model", item.GetProperty("drafter").GetString());
        Assert.Equal("s2: 모델이 빠뜨려 규칙 기반 문장으로 넣음", item.GetProperty("guardNotes")[0].GetString());
        Assert.Equal("rules", json.RootElement.GetProperty("items")[2].GetProperty("drafter").GetString());
    }

    [Fact]
    public async Task RuleDrafter_ReportRecordsRulesAndNoTokens()
    {
        var report = await new ReportBuilder(new RuleDrafter()).BuildAsync([Record()]);

        Assert.Equal(new ReportUsage("rules", 0, 0), report.Usage);
        Assert.All(report.Items, i => Assert.Equal("rules", i.Drafter));
    }

    private static DraftRequest Request(int item)
    {
        var record = Record();
        return new DraftRequest(
            record.Definition.Id,
            item,
            "",
            [],
            record.Entries.Where(e => e.ItemIndex == item).Select(e => new DraftSource(e.SourceId, e.Kind, e.Text, e.AuthorName)).ToList());
    }
}
