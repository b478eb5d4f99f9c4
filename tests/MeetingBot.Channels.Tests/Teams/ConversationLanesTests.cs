using MeetingBot.Channels.Teams;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Tests.Teams;

public sealed class ConversationLanesTests : IDisposable
{
    private readonly ConversationLanes _lanes = new(Options.Create(new TeamsOptions
    {
        Connector = new TeamsConnectorOptions { SendsPerSecond = 1000, SendsPer30Seconds = 10000 },
    }));

    private readonly List<string> _events = [];

    public void Dispose() => _lanes.Dispose();

    private void Note(string what)
    {
        lock (_events)
            _events.Add(what);
    }

    [Fact]
    public async Task Caller_that_gives_up_in_the_queue_does_not_let_the_next_one_overtake_the_running_send()
    {
        var releaseFirst = new TaskCompletionSource();
        using var giveUp = new CancellationTokenSource();
        var first = _lanes.RunAsync("A", async _ => { Note("1 start"); await releaseFirst.Task; Note("1 end"); return 1; });
        var second = _lanes.RunAsync("A", _ => { Note("2 start"); return Task.FromResult(2); }, giveUp.Token);
        var third = _lanes.RunAsync("A", _ => { Note("3 start"); return Task.FromResult(3); });

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        // Room for a wrongly released third send to start before the first has finished.
        await Task.Delay(100);
        releaseFirst.SetResult();
        await Task.WhenAll(first, third);

        Assert.Equal(["1 start", "1 end", "3 start"], _events);
    }

    [Fact]
    public async Task Failed_send_does_not_block_the_lane()
    {
        var failed = _lanes.RunAsync<int>("A", _ => throw new HttpRequestException("boom"));
        var next = _lanes.RunAsync("A", _ => Task.FromResult(2));

        await Assert.ThrowsAsync<HttpRequestException>(() => failed);
        Assert.Equal(2, await next);
    }

    [Fact]
    public async Task Lanes_do_not_wait_for_each_other()
    {
        var blockA = new TaskCompletionSource<int>();
        var a = _lanes.RunAsync("A", _ => blockA.Task);

        Assert.Equal(7, await _lanes.RunAsync("B", _ => Task.FromResult(7)));
        Assert.False(a.IsCompleted);
        blockA.SetResult(1);
        Assert.Equal(1, await a);
    }

    [Fact]
    public void Lane_key_ignores_trailing_slash_and_case_of_the_service_url()
    {
        Assert.Equal(
            ConversationLanes.LaneOf("https://smba.trafficmanager.net/kr/", "19:x@thread.v2"),
            ConversationLanes.LaneOf("https://SMBA.trafficmanager.net/kr", "19:x@thread.v2"));
        Assert.NotEqual(
            ConversationLanes.LaneOf("https://smba.trafficmanager.net/kr/", "19:x@thread.v2"),
            ConversationLanes.LaneOf("https://smba.trafficmanager.net/kr/", "19:y@thread.v2"));
    }
}
