using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// Approving a report (POST /api/reports/{rid}/approve) tells the staff chat through the outbox, in the approval's own
/// commit: report, version, who approved and the frozen version's links; once across restarts; nothing without a staff chat.
/// </summary>
public sealed class ApprovalNoticeTests : IDisposable
{
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    private static bool IsApprovalNotice(Core.OutboundMessage m) => m.Text.StartsWith('✅');

    /// <summary>Creates a report from the sample meeting and approves it; returns its id.</summary>
    private static async Task<string> ApproveNewReportAsync(HttpClient client, string title = "9월 전략사업 분과 결과 보고")
    {
        using var created = await client.PostAsJsonAsync(new Uri("/api/reports", UriKind.Relative), new { meetingIds = new[] { StaffHost.MeetingId }, title });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rid = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        using var approve = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/reports/{rid}/approve", UriKind.Relative));
        approve.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        using var approved = await client.SendAsync(approve);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return rid;
    }

    [Fact]
    public async Task Approving_TellsTheStaffChatOnce_NamingTheReportTheVersionWhoApprovedAndTheVersionsLinks()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync();

        // The meeting's draft notice is out first, so the approval notice leaves as a message of its own.
        await host.WaitForDeliveryAsync(d => d.Status == Core.DeliveryStatus.Notified);
        await host.OutboxIdleAsync();
        using var client = host.StaffClient();

        var rid = await ApproveNewReportAsync(client);
        await host.OutboxIdleAsync();

        var notice = Assert.Single(host.StaffGateway.Sent, IsApprovalNotice);
        Assert.Equal(new Core.ConversationAddress(StaffHost.StaffChannel, StaffHost.StaffConversation), notice.To);
        var lines = notice.Text.Split('\n');
        Assert.Equal($"✅ 결과 보고가 승인되었습니다: 9월 전략사업 분과 결과 보고 ({rid}) 1판", lines[0]);
        Assert.Equal("승인한 사람: 직원", lines[1]);
        var docx = $"{StaffHost.PublicBaseUrl}/api/reports/{rid}/files/docx?version=1";
        Assert.Equal(
            $"내려받기: [DOCX]({docx}) · [HWPX]({StaffHost.PublicBaseUrl}/api/reports/{rid}/files/hwpx?version=1) · [MD]({StaffHost.PublicBaseUrl}/api/reports/{rid}/files/md?version=1)",
            lines[2]);

        // The link opens the frozen version's file.
        using var file = await client.GetAsync(new Uri(docx[StaffHost.PublicBaseUrl.Length..], UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.True((await file.Content.ReadAsByteArrayAsync()).Length > 100);
    }

    [Fact]
    public async Task AnApprovalNoticeTheStaffChatDidNotTake_StaysWithTheApproval_AndARestartSendsItOnce()
    {
        var down = new RecordingChatGateway(StaffHost.StaffChannel, fail: true);
        string rid;
        await using (var first = new StaffHost(_work, down))
        {
            await first.ReplaySampleAsync();
            using var client = first.StaffClient();
            rid = await ApproveNewReportAsync(client);

            var unsent = await ((Core.IOutboxStore)first.Store).GetUnsentAsync(100);
            Assert.Single(unsent, u => IsApprovalNotice(u.Message) && u.Message.Text.Contains(rid, StringComparison.Ordinal));
            Assert.DoesNotContain(down.Sent, IsApprovalNotice);
        }

        await using (var second = new StaffHost(_work, now: StaffHost.SampleDay.AddHours(2)))
        {
            await second.OutboxIdleAsync();

            // The meeting's own draft notice waited in the same lane, so the drain may send both as one message.
            var told = string.Join("\n\n", second.StaffGateway.Sent.Select(m => m.Text));
            Assert.Single(told.Split('\n'), line => line.StartsWith("✅ 결과 보고가 승인되었습니다", StringComparison.Ordinal) && line.Contains(rid, StringComparison.Ordinal));
            Assert.Single(told.Split('\n'), line => line.StartsWith('✅'));
        }

        await using (var third = new StaffHost(_work, now: StaffHost.SampleDay.AddHours(3)))
        {
            await third.OutboxIdleAsync();
            Assert.Equal(0, third.StaffGateway.Calls);
        }
    }

    [Fact]
    public async Task WithoutAStaffChat_ApprovingSendsNothing_AndSaysSoInTheLogOnce()
    {
        await using var host = new StaffHost(_work, settings: new Dictionary<string, string?> { ["Staff:ConversationId"] = "" });
        await host.ReplaySampleAsync();
        using var client = host.StaffClient();

        await ApproveNewReportAsync(client, "첫째 보고");
        await ApproveNewReportAsync(client, "둘째 보고");
        await host.OutboxIdleAsync();

        Assert.Equal(0, host.StaffGateway.Calls);
        var logged = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 440);
        Assert.Contains("Staff:ConversationId", logged.Message, StringComparison.Ordinal);
    }
}
