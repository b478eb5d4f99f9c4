namespace MeetingBot.Host.Tests.Staff;

/// <summary>A host and a browser on it, disposed together; <see cref="Rid"/> is the report the test opened, if any.</summary>
public sealed class StaffSession(StaffHost host, StaffBrowser browser) : IAsyncDisposable
{
    public StaffHost Host => host;

    public StaffBrowser Browser => browser;

    public string Rid { get; set; } = "";

    /// <summary>Opens a browser on <paramref name="host"/> and runs <paramref name="prepare"/> with both; if it fails, both are disposed.</summary>
    public static async Task<StaffSession> StartAsync(StaffHost host, Func<StaffSession, Task> prepare)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(prepare);
#pragma warning disable CA2000 // The session owns the browser and disposes it (the analyzer sees the host's hand-over, not this one).
        var session = new StaffSession(host, host.Browser());
#pragma warning restore CA2000
        try
        {
            await prepare(session);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        browser.Dispose();
        await host.DisposeAsync();
    }
}
