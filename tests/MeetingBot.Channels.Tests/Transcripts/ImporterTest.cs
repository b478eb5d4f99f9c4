using MeetingBot.TestSupport;

namespace MeetingBot.Channels.Tests.Transcripts;

/// <summary>What both importer tests share: a fake clock whose retry waits are seen and skipped, and the local platform server.</summary>
public abstract class ImporterTest : IAsyncDisposable
{
    protected static readonly DateTimeOffset Start = TestMeetings.Start;

    protected WatchedClock Clock { get; } = new(Start.AddHours(3));

    protected LocalHttpServer Server { get; private set; } = null!;

    /// <summary>Starts the platform: <paramref name="special"/> answers first, the platform's usual answer otherwise.</summary>
    protected async Task<Uri> StartServerAsync(Func<RecordedRequest, Reply?> special, Func<RecordedRequest, Reply> platform)
    {
        Server = await LocalHttpServer.StartAsync(request => special(request) ?? platform(request));
        return Server.Address;
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
