using System.Collections.Concurrent;
using System.Text.Json;
using MeetingBot.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MeetingBot.Host.Tests.Teams;

/// <summary>
/// A Bot Connector on a real port of 127.0.0.1: records every activity the bot sends and answers meeting lookups
/// (<c>GET /v1/meetings/{id}</c>) from <see cref="Meetings"/>. Like the Playground's, its service URL has a path.
/// </summary>
public sealed class LocalConnector : IAsyncDisposable
{
    private readonly ConcurrentQueue<SentActivity> _sent = new();
    private readonly ConcurrentQueue<string> _lookups = new();
    private readonly ConcurrentQueue<CardActivity> _cards = new();
    private int _throttled;
    private LocalHttpServer _server = null!;

    public string ServiceUrl => _server.Url("/_connector");

    /// <summary>Meeting id → join URL for <c>GET /v1/meetings/{id}</c>; unknown ids get 404.</summary>
    public ConcurrentDictionary<string, string> Meetings { get; } = new();

    public IReadOnlyList<SentActivity> Sent => [.. _sent];

    public IReadOnlyList<string> Lookups => [.. _lookups];

    /// <summary>Every card activity the bot posted (<c>POST</c>) or updated in place (<c>PUT</c>), in the order they arrived.</summary>
    public IReadOnlyList<CardActivity> Cards => [.. _cards];

    /// <summary>Runs after a card post or update is recorded and before it is answered, e.g. to hold it while a burst queues.</summary>
    public Func<CardActivity, Task> BeforeCardAnswer { get; set; } = _ => Task.CompletedTask;

    /// <summary>While it says so for a conversation, sends to it are answered 429 (and not recorded as sent).</summary>
    public Func<string, bool> Throttles { get; set; } = _ => false;

    /// <summary>Sends answered 429 so far.</summary>
    public int ThrottledCount => Volatile.Read(ref _throttled);

    /// <summary>Runs after a send is recorded and before it is answered, e.g. to answer too late.</summary>
    public Func<SentActivity, CancellationToken, Task> BeforeAnswer { get; set; } = (_, _) => Task.CompletedTask;

    /// <summary>Every text the bot sent to <paramref name="conversationId"/>, merged sends split back into their replies.</summary>
    public IReadOnlyList<string> TextsTo(string conversationId) =>
        [.. Sent.Where(s => s.ConversationId == conversationId).SelectMany(s => s.Text.Split("\n\n"))];

    public static async Task<LocalConnector> StartAsync()
    {
        var connector = new LocalConnector();
        connector._server = await LocalHttpServer.StartWithRoutesAsync(app => connector.Map(app));
        return connector;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private void Map(WebApplication app)
    {
        app.MapPost("/_connector/v3/conversations/{conversationId}/activities/{replyToId?}", async (string conversationId, string? replyToId, HttpRequest request) =>
        {
            if (Throttles(conversationId))
            {
                Interlocked.Increment(ref _throttled);
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }

            using var body = await JsonDocument.ParseAsync(request.Body);
            if (body.RootElement.TryGetProperty("attachments", out var attachments))
            {
                var card = new CardActivity(conversationId, $"card-{_cards.Count + 1}", "POST", attachments[0].GetProperty("content").Clone());
                _cards.Enqueue(card);
                await BeforeCardAnswer(card);
                return Results.Json(new { id = card.ActivityId }, statusCode: StatusCodes.Status201Created);
            }

            var text = body.RootElement.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
            var alert = body.RootElement.TryGetProperty("channelData", out var data)
                && data.TryGetProperty("notification", out var notification)
                && notification.TryGetProperty("alertInMeeting", out var alertInMeeting)
                && alertInMeeting.ValueKind == JsonValueKind.True;
            var sent = new SentActivity(conversationId, replyToId, text, request.Headers.Authorization.ToString(), alert);
            _sent.Enqueue(sent);
            await BeforeAnswer(sent, request.HttpContext.RequestAborted);
            return Results.Json(new { id = $"bot-{_sent.Count}" }, statusCode: StatusCodes.Status201Created);
        });
        app.MapPut("/_connector/v3/conversations/{conversationId}/activities/{activityId}", async (string conversationId, string activityId, HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var card = new CardActivity(conversationId, activityId, "PUT", body.RootElement.GetProperty("attachments")[0].GetProperty("content").Clone());
            _cards.Enqueue(card);
            await BeforeCardAnswer(card);
            return Results.Json(new { id = activityId });
        });
        app.MapGet("/_connector/v1/meetings/{meetingId}", (string meetingId) =>
        {
            _lookups.Enqueue(meetingId);
            return Meetings.TryGetValue(meetingId, out var joinUrl)
                ? Results.Json(new { details = new { id = meetingId, joinUrl, title = "분과회의" } })
                : Results.NotFound();
        });
    }
}

/// <summary>A message the bot sent; <paramref name="AlertInMeeting"/>: it carried <c>channelData.notification.alertInMeeting: true</c>.</summary>
public sealed record SentActivity(string ConversationId, string? ReplyToId, string Text, string Authorization, bool AlertInMeeting = false);

/// <summary>A card activity the bot sent: where, which activity (the id given at the post), how, and the Adaptive Card.</summary>
public sealed record CardActivity(string ConversationId, string ActivityId, string Method, JsonElement Card)
{
    public string StatusLine => AgendaCardJson.StatusLine(Card);
}

/// <summary>What an agenda Adaptive Card (as JSON) says, for the tests that read one.</summary>
public static class AgendaCardJson
{
    /// <summary>The card's status line (its second text block): what the meeting was doing when it was sent.</summary>
    public static string StatusLine(JsonElement card) => card.GetProperty("body")[1].GetProperty("text").GetString()!;

    /// <summary>The notice heading an invoke's answer (the one container that is not an agenda item), or "".</summary>
    public static string Notice(JsonElement card) =>
        card.GetProperty("body").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Container" && !e.TryGetProperty("id", out _))
            .Select(e => e.GetProperty("items")[0].GetProperty("text").GetString()!).SingleOrDefault() ?? "";
}
