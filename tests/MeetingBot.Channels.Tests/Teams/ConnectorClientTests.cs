using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MeetingBot.Channels.Teams;
using MeetingBot.Core;
using MeetingBot.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Channels.Tests.Teams;

/// <summary>Outbound calls against a real local HTTP server: retries, timeouts, ordering and isolation per conversation.</summary>
public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string Chat = "19:meeting_NjQ2ZWE3YzAtYjA4Ny00@thread.v2";
    private FakeConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private ConversationAddress To(string conversationId = Chat, string? serviceUrl = null) =>
        new("msteams", conversationId, serviceUrl ?? _connector.ServiceUrl);

    private static ServiceProvider Services(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? before = null) =>
        TeamsTestHost.Build(TeamsTestHost.FastConnector(settings), before: before);

    private static Func<RecordedRequest, HttpContext, Task> FailFirst(int failures, Func<HttpContext, Task> fail) =>
        (request, context) => request.Index <= failures ? fail(context) : FakeConnector.Acknowledge(request, context);

    private static Func<HttpContext, Task> Status(HttpStatusCode status, string? retryAfter = null) => context =>
    {
        context.Response.StatusCode = (int)status;
        if (retryAfter is not null)
            context.Response.Headers.RetryAfter = retryAfter;
        return Task.CompletedTask;
    };

    private static string TextOf(RecordedRequest request) =>
        JsonDocument.Parse(request.Body).RootElement.GetProperty("text").GetString()!;

    [Fact]
    public async Task Send_posts_a_message_activity_to_the_conversation()
    {
        await using var services = Services();

        var response = await services.GetRequiredService<ConnectorClient>().SendAsync(To(), TeamsChatGateway.MessageActivity("안건 1 시작"));

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/_connector/v3/conversations/{Chat}/activities", request.Path);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("message", body.GetProperty("type").GetString());
        Assert.Equal("안건 1 시작", body.GetProperty("text").GetString());
        Assert.False(body.TryGetProperty("entities", out _));
        Assert.Equal("act-1", response.Id);
        Assert.Empty(request.Authorization);
    }

    [Fact]
    public async Task Retry_After_on_429_is_waited_out_and_the_message_delivered_once()
    {
        _connector.Respond = FailFirst(1, Status(HttpStatusCode.TooManyRequests, retryAfter: "1"));
        await using var services = Services();

        var response = await services.GetRequiredService<ConnectorClient>().SendAsync(To(), TeamsChatGateway.MessageActivity("한 번만"));

        Assert.Equal("act-2", response.Id);
        var requests = _connector.Requests;
        Assert.Equal(2, requests.Count);
        // The configured backoff is 50 ms; only the header explains a wait of a second.
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(900), $"waited {requests[1].At - requests[0].At}");
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    public async Task A_send_the_connector_refused_is_retried_with_backoff_until_delivered(HttpStatusCode status)
    {
        _connector.Respond = FailFirst(2, Status(status));
        await using var services = Services();

        var response = await services.GetRequiredService<ConnectorClient>().SendAsync(To(), TeamsChatGateway.MessageActivity("재시도"));

        Assert.Equal("act-3", response.Id);
        Assert.Equal(3, _connector.Requests.Count);
        Assert.All(_connector.Requests, r => Assert.Equal("재시도", TextOf(r)));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task A_send_answered_with_a_server_error_may_have_arrived_and_is_not_sent_again(HttpStatusCode status)
    {
        // The connector may have created the activity before its front end failed; a second POST would show it twice.
        var error = await SendOnceAgainstAsync(Status(status));

        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task A_send_whose_answer_times_out_is_not_sent_again() =>
        await SendOnceAgainstAsync(context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));

    /// <summary>A send whose first answer is <paramref name="firstAnswer"/>: it must fail as unknown after that one request.</summary>
    private async Task<ConnectorOutcomeUnknownException> SendOnceAgainstAsync(Func<HttpContext, Task> firstAnswer)
    {
        _connector.Respond = FailFirst(1, firstAnswer);
        await using var services = Services();

        var error = await Assert.ThrowsAsync<ConnectorOutcomeUnknownException>(() =>
            services.GetRequiredService<ConnectorClient>().SendAsync(To(), TeamsChatGateway.MessageActivity("한 번만")));

        Assert.Single(_connector.Requests);
        return error;
    }

    [Fact]
    public async Task Idempotent_calls_are_retried_after_a_server_error()
    {
        _connector.Respond = FailFirst(2, Status(HttpStatusCode.BadGateway));
        await using var services = Services();

        await services.GetRequiredService<ConnectorClient>().GetMeetingDetailsAsync(_connector.ServiceUrl, "MCMx");

        Assert.Equal(3, _connector.Requests.Count);
        Assert.All(_connector.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task Permanent_failure_is_not_retried(HttpStatusCode status)
    {
        _connector.Respond = (_, context) => Status(status)(context);
        await using var services = Services();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            services.GetRequiredService<ConnectorClient>().SendAsync(To(), TeamsChatGateway.MessageActivity("x")));

        Assert.Equal(status, error.StatusCode);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task Persistent_throttling_gives_up_after_the_configured_retries_saying_the_send_did_not_arrive()
    {
        _connector.Respond = (_, context) => Status(HttpStatusCode.TooManyRequests)(context);
        await using var services = Services();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            services.GetRequiredService<ConnectorClient>().SendAsync(To(), TeamsChatGateway.MessageActivity("x")));

        Assert.IsNotType<ConnectorOutcomeUnknownException>(error);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(4, _connector.Requests.Count);
    }

    [Fact]
    public async Task A_lookup_slower_than_the_attempt_timeout_is_abandoned_and_retried()
    {
        _connector.Respond = FailFirst(1, context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        await using var services = Services();
        var clock = Stopwatch.StartNew();

        await services.GetRequiredService<ConnectorClient>().GetMeetingDetailsAsync(_connector.ServiceUrl, "MCMx");

        Assert.Equal(2, _connector.Requests.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Messages_to_one_conversation_arrive_in_the_order_they_were_sent_one_at_a_time()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        _connector.Respond = async (request, context) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            // Uneven latencies would reorder concurrent sends.
            await Task.Delay(TimeSpan.FromMilliseconds((request.Index * 7) % 15));
            Interlocked.Decrement(ref inFlight);
            await FakeConnector.Acknowledge(request, context);
        };
        await using var services = Services();
        var client = services.GetRequiredService<ConnectorClient>();

        var sends = Enumerable.Range(0, 20).Select(i => client.SendAsync(To(), TeamsChatGateway.MessageActivity($"메시지 {i}"))).ToList();
        await Task.WhenAll(sends);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"메시지 {i}"), _connector.Requests.Select(TextOf));
        Assert.Equal(1, maxInFlight);
    }

    [Fact]
    public async Task Hanging_connector_of_one_conversation_does_not_hold_up_another()
    {
        await using var dead = await FakeConnector.StartAsync();
        dead.Respond = (_, context) => Task.Delay(Timeout.Infinite, context.RequestAborted);
        await using var services = Services(new() { ["Teams:Connector:AttemptTimeout"] = "00:00:10" });
        var client = services.GetRequiredService<ConnectorClient>();
        using var giveUp = new CancellationTokenSource();

        var stuck = client.SendAsync(To("19:a@thread.v2", dead.ServiceUrl), TeamsChatGateway.MessageActivity("A"), giveUp.Token);
        var queuedBehind = client.SendAsync(To("19:a@thread.v2", dead.ServiceUrl), TeamsChatGateway.MessageActivity("A2"), giveUp.Token);
        for (var i = 0; i < 5; i++)
            await client.SendAsync(To("19:b@thread.v2"), TeamsChatGateway.MessageActivity($"B{i}"));

        Assert.Equal(["B0", "B1", "B2", "B3", "B4"], _connector.Requests.Select(TextOf).Distinct());
        Assert.False(stuck.IsCompleted);
        Assert.False(queuedBehind.IsCompleted);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stuck);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queuedBehind);
    }

    [Fact]
    public async Task Throttled_conversation_does_not_hold_up_another_on_the_same_connector()
    {
        _connector.Respond = (request, context) => TextOf(request).StartsWith('A')
            ? Status(HttpStatusCode.TooManyRequests)(context)
            : FakeConnector.Acknowledge(request, context);
        await using var services = Services(new() { ["Teams:Connector:RetryBaseDelay"] = "00:00:02", ["Teams:Connector:RetryMaxDelay"] = "00:00:10" });
        var client = services.GetRequiredService<ConnectorClient>();

        using var giveUp = new CancellationTokenSource();

        var failing = client.SendAsync(To("19:a@thread.v2"), TeamsChatGateway.MessageActivity("A"), giveUp.Token);
        for (var i = 0; i < 5; i++)
            await client.SendAsync(To("19:b@thread.v2"), TeamsChatGateway.MessageActivity($"B{i}"));

        Assert.False(failing.IsCompleted);
        Assert.Equal(["B0", "B1", "B2", "B3", "B4"], _connector.Requests.Select(TextOf).Where(t => t.StartsWith('B')).Distinct());
        Assert.Contains(_connector.Requests, r => TextOf(r) == "A");
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => failing);
    }

    [Fact]
    public async Task Sends_to_one_conversation_are_paced_to_the_configured_rate()
    {
        await using var services = Services(new() { ["Teams:Connector:SendsPerSecond"] = "2" });
        var client = services.GetRequiredService<ConnectorClient>();

        for (var i = 0; i < 5; i++)
            await client.SendAsync(To(), TeamsChatGateway.MessageActivity($"{i}"));

        var requests = _connector.Requests;
        // Two per second: the fifth cannot go before two windows have (almost) passed.
        Assert.True(requests[4].At - requests[0].At >= TimeSpan.FromSeconds(1.5), $"5 sends in {requests[4].At - requests[0].At}");
    }

    [Fact]
    public async Task Every_attempt_to_a_trusted_host_carries_a_bearer_token_from_the_provider()
    {
        var tokens = new CountingTokenProvider();
        _connector.Respond = FailFirst(1, Status(HttpStatusCode.TooManyRequests));
        await using var services = Services(new() { ["Teams:TrustedServiceUrlHosts:0"] = "127.0.0.1" }, before: s => s.AddSingleton<IBotTokenProvider>(tokens));

        await services.GetRequiredService<ConnectorClient>().SendAsync(To(), TeamsChatGateway.MessageActivity("x"));

        Assert.Equal(["Bearer token-1", "Bearer token-2"], _connector.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task In_development_mode_a_service_url_nobody_vouched_for_gets_the_message_but_not_the_bots_token()
    {
        await using var services = Services(before: s => s.AddSingleton<IBotTokenProvider>(new CountingTokenProvider()));

        await services.GetRequiredService<ConnectorClient>().SendAsync(To(), TeamsChatGateway.MessageActivity("x"));

        Assert.Empty(Assert.Single(_connector.Requests).Authorization);
    }

    [Fact]
    public async Task Otherwise_a_call_to_a_service_url_nobody_vouched_for_is_refused_before_it_leaves()
    {
        var tokens = new CountingTokenProvider();
        await using var services = Services(new() { ["Teams:AllowUnauthenticated"] = "false", ["Teams:AppId"] = "app", ["Teams:AppPassword"] = "secret", ["Teams:TenantId"] = "tenant" },
            before: s => s.AddSingleton<IBotTokenProvider>(tokens));

        var error = await Assert.ThrowsAsync<MeetingBotException>(() =>
            services.GetRequiredService<ConnectorClient>().SendAsync(To(), TeamsChatGateway.MessageActivity("x")));

        Assert.Contains("Teams:TrustedServiceUrlHosts", error.Message, StringComparison.Ordinal);
        Assert.Empty(_connector.Requests);
        Assert.Equal(0, tokens.Issued);
    }

    [Fact]
    public async Task A_reply_addresses_the_activity_it_answers()
    {
        await using var services = Services();
        var client = services.GetRequiredService<ConnectorClient>();

        await client.ReplyAsync(To(), "1757912462123", TeamsChatGateway.MessageActivity("답글"));

        var requests = _connector.Requests;
        Assert.Equal(("POST", $"/_connector/v3/conversations/{Chat}/activities/1757912462123"), (requests[0].Method, requests[0].Path));
        Assert.Equal("1757912462123", JsonDocument.Parse(requests[0].Body).RootElement.GetProperty("replyToId").GetString());
    }

    [Fact]
    public async Task Meeting_details_give_the_join_url_and_title()
    {
        _connector.Respond = (request, context) => context.Response.WriteAsync("""
            {
              "details": {
                "id": "MCMxOTptZWV0aW5nX05qUTJaV0UzWXpB", "msGraphResourceId": "MSo1N2Y5ZGFjYy03MWJmLTQ3NDMtYjQxMy01M2EdFGkdRWHJlQ",
                "scheduledStartTime": "2025-09-15T05:00:00+00:00", "scheduledEndTime": "2025-09-15T07:00:00+00:00",
                "joinUrl": "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0", "title": "전략사업 분과회의", "type": "Scheduled"
              },
              "conversation": { "isGroup": true, "conversationType": "groupChat", "id": "19:meeting_x@thread.v2" },
              "organizer": { "id": "29:org", "aadObjectId": "o", "tenantId": "t" }
            }
            """);
        await using var services = Services();

        var details = await services.GetRequiredService<ConnectorClient>().GetMeetingDetailsAsync(_connector.ServiceUrl, "MCMxOTptZWV0aW5nX05qUTJaV0UzWXpB");

        Assert.Equal("/_connector/v1/meetings/MCMxOTptZWV0aW5nX05qUTJaV0UzWXpB", _connector.Requests[0].Path);
        Assert.Equal("https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0", details!.JoinUrl);
        Assert.Equal("전략사업 분과회의", details.Title);
        Assert.Equal(new DateTimeOffset(2025, 9, 15, 5, 0, 0, TimeSpan.Zero), details.ScheduledStartTime);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class CountingTokenProvider : IBotTokenProvider
    {
        private int _count;

        public int Issued => Volatile.Read(ref _count);

        public Task<string?> GetTokenAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<string?>($"token-{Interlocked.Increment(ref _count)}");
    }
}
