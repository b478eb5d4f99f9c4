using MeetingBot.Core;
using MeetingBot.Host.Services;
using MeetingBot.Host.Tests.Staff;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Host.Tests.Store;

/// <summary>
/// Two real hosts on one real PostgreSQL database (SPEC §11), both asked to deliver the same ended meeting's report
/// at once (as when both start and requeue what is unfinished, or staff press "again" on one while the other works):
/// one instance claims the delivery, the other waits and then finds it done, so staff are told once.
/// </summary>
public sealed class TwoInstancesDeliveryTests : IAsyncLifetime, IDisposable
{
    private readonly HostWork _work = HostWork.WithSharedSample();
    private PostgresDatabase _database = null!;
    private StaffHost _a = null!;
    private StaffHost _b = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        _a = Instance();
        _b = Instance();
        _a.CreateClient().Dispose();
        _b.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    public void Dispose() => _work.Dispose();

    private StaffHost Instance() => new(_work, settings: new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "postgres",
        ["Storage:ConnectionString"] = _database.ConnectionString,
        ["Storage:LeaseSeconds"] = "2",
    });

    private static bool IsNotified(DeliveryRecord d) => d.Status == DeliveryStatus.Notified;

    [Fact]
    public async Task AReportBothInstancesAreAskedToDeliverAtOnce_IsDeliveredOnce_AndStaffAreToldOnce()
    {
        await _a.ReplaySampleAsync(until: m => m.Text == "/종료");

        // The end reaches instance A, which starts delivering; instance B is asked for the same meeting meanwhile.
        await _a.Services.GetRequiredService<ChatInputProcessor>().ProcessAsync(_a.Say("/종료", "end"), CancellationToken.None);
        _b.Services.GetRequiredService<ReportDelivery>().Enqueue(StaffHost.MeetingId);
        _a.Services.GetRequiredService<ReportDelivery>().Enqueue(StaffHost.MeetingId);

        var delivery = await _a.WaitForDeliveryAsync(IsNotified);
        // The instance that did not deliver got the claim after the one that did, and found the meeting notified.
        await Eventually.ThatAsync(
            () => Task.FromResult(new[] { _a, _b }.Any(h => h.Logs.GetSnapshot().Any(r => r.Id.Id == 404))),
            "the other instance finding the report delivered");
        await _a.OutboxIdleAsync();
        await _b.OutboxIdleAsync();

        Assert.Single(delivery.History);
        var notices = _a.StaffGateway.Sent.Concat(_b.StaffGateway.Sent).ToList();
        Assert.Single(notices);
        Assert.Contains($"{StaffHost.PublicBaseUrl}/staff/meetings/{StaffHost.MeetingId}", notices[0].Text);
    }
}
