using System.IO.Compression;
using System.Net;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// Delivery when a meeting ends: files in the reports folder, one notice in the staff conversation through the outbox,
/// retries that are recorded, and no second notice across requeues and restarts.
/// </summary>
public sealed class ReportDeliveryTests : IDisposable
{
    private static readonly TimeSpan RetryStep = TimeSpan.FromMinutes(1);
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    private static bool IsNotified(DeliveryRecord d) => d.Status == DeliveryStatus.Notified;

    private static bool IsFailed(DeliveryRecord d) => d.Status == DeliveryStatus.Failed;

    [Fact]
    public async Task EndingTheSample_WritesEveryFormat_AndTellsStaffOnceWithSummaryAndLinks()
    {
        await using var host = new StaffHost(_work);

        await host.ReplaySampleAsync();
        var delivery = await host.WaitForDeliveryAsync(IsNotified);
        await host.OutboxIdleAsync();

        var folder = Path.Combine(_work.Reports, StaffHost.MeetingId);
        Assert.Equal(Path.GetFullPath(folder), delivery.Folder);
        foreach (var name in new[] { "report.json", "report.md", "report.docx", "report.hwpx" })
        {
            Assert.True(new FileInfo(Path.Combine(folder, name)).Length > 100, name);
        }

        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        var notice = Assert.Single(host.StaffGateway.Sent);
        Assert.Equal(new ConversationAddress(StaffHost.StaffChannel, StaffHost.StaffConversation), notice.To);
        Assert.Contains("[전략사업] 영등포구협치회의 분과회의(9월)", notice.Text);
        Assert.Contains("기록된 항목: 14건 (의견 9, 질문 1, 제안 3, 결정 1)", notice.Text);
        Assert.Contains("- 2. 2021 지역사회혁신계획 최종 수립 보고: 3건", notice.Text);
        Assert.Contains("- 1. 참석자 소개 및 인사: 0건", notice.Text);
        // The report prints 14:04~14:20 (16') for item 2 and 14:34~14:40 (6') for item 6: each a minute over its timebox.
        Assert.Contains("시간 초과: 2. 2021 지역사회혁신계획 최종 수립 보고 1' 초과, 6. 그 밖의 영등포구 협치 활성화 방안 의견 1' 초과\n", notice.Text);
        Assert.Contains($"{StaffHost.PublicBaseUrl}/staff/meetings/{StaffHost.MeetingId}", notice.Text);
        Assert.Contains($"[DOCX]({StaffHost.PublicBaseUrl}/api/meetings/{StaffHost.MeetingId}/report?format=docx)", notice.Text);
        var attempt = Assert.Single(delivery.History);
        Assert.Null(attempt.Error);
        Assert.Equal(host.Clock.GetUtcNow(), delivery.NotifiedAt);
    }

    [Fact]
    public async Task TheNotice_NamesTheItemsThatRanOver()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync(until: m => m.Text == "/종료");

        // Item 7 (10') opened at 14:40:10; ending at 15:09:30 prints 14:40~15:09 (29'), 19 minutes over.
        host.Clock.SetUtcNow(new DateTimeOffset(2020, 9, 15, 15, 9, 30, TimeSpan.FromHours(9)));
        await host.Services.GetRequiredService<ChatInputProcessor>().ProcessAsync(host.Say("/종료", "late-end"), CancellationToken.None);
        await host.WaitForDeliveryAsync(IsNotified);
        await host.OutboxIdleAsync();

        var notice = Assert.Single(host.StaffGateway.Sent).Text;
        Assert.Contains(", 7. 향후 협치회의 일정 안내 19' 초과\n", notice);
    }

    [Fact]
    public async Task AnEndAlreadyNotified_IsNeverSentAgain_WhateverAsksForIt()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync();
        await host.WaitForDeliveryAsync(IsNotified);
        var processor = host.Services.GetRequiredService<ChatInputProcessor>();

        // A second /종료, the platform's meeting-end event, and a direct requeue.
        var again = await processor.ProcessAsync(host.Say("/종료", "again-1"), CancellationToken.None);
        var ended = await processor.ProcessAsync(host.Say("", "again-2") with { Kind = ChatInputKind.MeetingEnded }, CancellationToken.None);
        host.Services.GetRequiredService<ReportDelivery>().Enqueue(StaffHost.MeetingId);
        await host.WaitForLogAsync(404);
        await host.OutboxIdleAsync();

        Assert.Null(again.EndedMeetingId);
        Assert.Null(ended.EndedMeetingId);
        Assert.Single(host.StaffGateway.Sent);
        Assert.Single((await host.Store.GetDeliveryAsync(StaffHost.MeetingId))!.History);
    }

    [Fact]
    public async Task ThePlatformsMeetingEndEvent_DeliversLikeSlashEnd()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync(until: m => m.Text == "/종료");
        var processor = host.Services.GetRequiredService<ChatInputProcessor>();

        var result = await processor.ProcessAsync(host.Say("", "teams-meeting-end") with { Kind = ChatInputKind.MeetingEnded }, CancellationToken.None);
        await host.WaitForDeliveryAsync(IsNotified);
        await host.OutboxIdleAsync();

        Assert.Equal(StaffHost.MeetingId, result.EndedMeetingId);
        Assert.Single(host.StaffGateway.Sent);
        Assert.Contains(host.ChatGateway.Sent, m => m.Text.Contains("🏁", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReportThatCannotBeWritten_IsRetriedThenRecordedAsFailed_NothingIsSentAndThePageShowsTheError()
    {
        StaffHost.BlockReportFolder(_work);
        await using var host = new StaffHost(_work);

        await host.ReplaySampleAsync();
        var delivery = await host.WaitForDeliveryAsync(IsFailed, advance: RetryStep);
        await host.OutboxIdleAsync();

        Assert.Equal(0, host.StaffGateway.Calls);
        Assert.Equal([1, 2, 3], delivery.History.Select(a => a.Number));
        Assert.All(delivery.History, a => Assert.Contains("IOException", a.Error));
        Assert.Null(delivery.Folder);
        await host.WaitForLogAsync(403);
        Assert.Equal(2, host.Logs.GetSnapshot().Count(r => r.Id.Id == 402));

        using var client = host.StaffClient();
        var page = await client.GetStringAsync(new Uri($"/staff/meetings/{StaffHost.MeetingId}", UriKind.Relative));
        Assert.Contains("전달 실패 (3회 시도)", page);
        Assert.Contains("IOException", page);
        Assert.Contains("다시 보내기", page);
        var list = await client.GetStringAsync(new Uri("/staff", UriKind.Relative));
        Assert.Contains("전달 실패 (3회 시도)", list);
    }

    [Fact]
    public async Task AfterAFailure_TheStaffPageButtonTriesAgain_AndSendsOnce()
    {
        var blocker = StaffHost.BlockReportFolder(_work);
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync();
        await host.WaitForDeliveryAsync(IsFailed, advance: RetryStep);
        File.Delete(blocker);

        using var client = host.StaffClient();
        using var response = await client.PostAsync(new Uri($"/staff/meetings/{StaffHost.MeetingId}/deliver", UriKind.Relative), null);
        var delivery = await host.WaitForDeliveryAsync(IsNotified, advance: RetryStep);
        await host.OutboxIdleAsync();

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Single(host.StaffGateway.Sent);
        Assert.Equal(4, delivery.History.Count);
        Assert.Null(delivery.History[^1].Error);
    }

    [Fact]
    public async Task AFailingStaffConversation_KeepsTheNoticeInTheOutboxWithTheDelivery_AndARestartSendsItOnce()
    {
        var down = new RecordingChatGateway(StaffHost.StaffChannel, fail: true);
        await using (var first = new StaffHost(_work, down))
        {
            await first.ReplaySampleAsync();
            var delivery = await first.WaitForDeliveryAsync(IsNotified);
            await Eventually.ThatAsync(() => Task.FromResult(down.Calls > 0), "a first try at the staff conversation");

            // The delivery is marked notified and its notice waits in the same SQLite file, unsent.
            var unsent = await ((IOutboxStore)first.Store).GetUnsentAsync(100);
            var kept = Assert.Single(unsent, u => u.Message.To.Channel == StaffHost.StaffChannel);
            Assert.StartsWith("📄 결과 보고 초안이 준비되었습니다", kept.Message.Text, StringComparison.Ordinal);
            Assert.Single(delivery.History);
            Assert.Empty(down.Sent);
        }

        await using (var second = new StaffHost(_work, now: StaffHost.SampleDay.AddHours(2)))
        {
            await second.OutboxIdleAsync();

            var notice = Assert.Single(second.StaffGateway.Sent);
            Assert.Contains("[전략사업] 영등포구협치회의 분과회의(9월)", notice.Text);
            Assert.Single((await second.Store.GetDeliveryAsync(StaffHost.MeetingId))!.History);
            Assert.DoesNotContain(second.Logs.GetSnapshot(), r => r.Id.Id == 406);
        }

        await using (var third = new StaffHost(_work, now: StaffHost.SampleDay.AddHours(3)))
        {
            await third.OutboxIdleAsync();
            Assert.Equal(0, third.StaffGateway.Calls);
        }
    }

    [Fact]
    public async Task Restarts_DeliverWhatWasOwed_AndNeverNotifyTwice()
    {
        var blocker = StaffHost.BlockReportFolder(_work);
        await using (var first = new StaffHost(_work))
        {
            await first.ReplaySampleAsync();
            await first.WaitForDeliveryAsync(IsFailed, advance: RetryStep);
            Assert.Equal(0, first.StaffGateway.Calls);
        }

        File.Delete(blocker);
        var later = StaffHost.SampleDay.AddHours(2);
        await using (var second = new StaffHost(_work, now: later))
        {
            var delivery = await second.WaitForDeliveryAsync(IsNotified);
            await second.WaitForLogAsync(406);
            await second.OutboxIdleAsync();

            Assert.Single(second.StaffGateway.Sent);
            Assert.Equal(4, delivery.Attempts);
        }

        await using (var third = new StaffHost(_work, now: later.AddHours(1)))
        {
            _ = third.Services;
            third.Services.GetRequiredService<ReportDelivery>().Enqueue(StaffHost.MeetingId);
            await third.WaitForLogAsync(404);
            await third.OutboxIdleAsync();

            Assert.Equal(0, third.StaffGateway.Calls);
            Assert.DoesNotContain(third.Logs.GetSnapshot(), r => r.Id.Id == 406);
        }
    }

    [Fact]
    public async Task WithoutAStaffConversation_FilesAreWrittenAndTheReasonRecorded()
    {
        await using var host = new StaffHost(_work, settings: new Dictionary<string, string?> { ["Staff:ConversationId"] = "" });

        await host.ReplaySampleAsync();
        var delivery = await host.WaitForDeliveryAsync(d => d.Note is not null);

        Assert.Equal(DeliveryStatus.Written, delivery.Status);
        Assert.Contains("Staff:ConversationId", delivery.Note);
        Assert.Equal(0, host.StaffGateway.Calls);
        Assert.True(File.Exists(Path.Combine(_work.Reports, StaffHost.MeetingId, "report.md")));
        await host.WaitForLogAsync(405);
    }

    [Fact]
    public async Task ControlCharactersInAnEntry_AreReplacedInTheDocuments_AndCountedInALogLine()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync(until: m => m.Text == "/종료");
        var processor = host.Services.GetRequiredService<ChatInputProcessor>();
        await processor.ProcessAsync(host.Say("#의견 <script>alert(1)</script> 제어\u0001문자", "hostile", from: "박서연"), CancellationToken.None);

        // The drafter turns control characters in opinions into spaces; a decision is printed as the chair wrote it.
        await processor.ProcessAsync(host.Say("#결정 제어\u0001문자\u001F끝 <b>", "decision"), CancellationToken.None);

        await processor.ProcessAsync(host.Say("/종료", "end"), CancellationToken.None);
        var delivery = await host.WaitForDeliveryAsync(IsNotified);

        Assert.Equal(2, delivery.ReplacedCharacters);
        await host.WaitForLogAsync(400);
        var written = host.Logs.GetSnapshot().Single(r => r.Id.Id == 400);
        Assert.Contains("문자 2개를 바꿨습니다", written.Message);
        await using var docx = await ZipFile.OpenReadAsync(Path.Combine(_work.Reports, StaffHost.MeetingId, "report.docx"));
        using var reader = new StreamReader(await docx.GetEntry("word/document.xml")!.OpenAsync());
        var xml = await reader.ReadToEndAsync();
        Assert.DoesNotContain("\u0001", xml, StringComparison.Ordinal);
        Assert.Contains("제어\uFFFD문자\uFFFD끝", xml, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", xml, StringComparison.Ordinal);

        // The stored entry keeps what the member wrote; the staff page escapes it and never writes the control character raw.
        var entry = (await host.Store.GetEntriesAsync(StaffHost.MeetingId)).Single(e => e.SourceId == "hostile");
        Assert.Contains("\u0001", entry.Text, StringComparison.Ordinal);
        using var client = host.StaffClient();
        var page = await client.GetStringAsync(new Uri($"/staff/meetings/{StaffHost.MeetingId}", UriKind.Relative));
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0001", page, StringComparison.Ordinal);
    }
}
