using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MeetingBot.TestSupport;

/// <summary>One entry as the drafter sent it inside the user message's &lt;entries&gt; block.</summary>
public sealed record FakeEntry(string Id, string Kind, string Text);

/// <summary>A chat-completions request as the fake service received it.</summary>
public sealed record FakeChatRequest(
    int Number,
    string Path,
    string? ApiVersion,
    string? ApiKey,
    string? Authorization,
    JsonNode Body,
    long ReceivedAt)
{
    public string System => Message(0);
    public string User => Message(1);

    /// <summary>The entries, parsed from the JSON between <c>&lt;entries&gt;</c> and <c>&lt;/entries&gt;</c>.</summary>
    public IReadOnlyList<FakeEntry> Entries
    {
        get
        {
            var user = User;
            // The block opens on a line of its own; the sentence before it may name the tag too.
            var start = user.IndexOf("\n<entries>\n", StringComparison.Ordinal) + "\n<entries>\n".Length;
            var end = user.LastIndexOf("\n</entries>", StringComparison.Ordinal);
            var data = JsonNode.Parse(user[start..end])!;
            return data["entries"]!.AsArray()
                .Select(e => new FakeEntry(e!["id"]!.GetValue<string>(), e["kind"]!.GetValue<string>(), e["text"]!.GetValue<string>()))
                .ToList();
        }
    }

    private string Message(int index)
    {
        var content = Body["messages"]![index]!["content"]!;
        return content is JsonArray parts
            ? string.Concat(parts.Select(p => p!["text"]?.GetValue<string>()))
            : content.GetValue<string>();
    }
}

/// <summary>What the fake service answers: a status, a body, headers, and optionally no answer until the caller gives up.</summary>
public sealed record FakeReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false)
{
    /// <summary>A 200 chat completion in the Azure OpenAI wire format whose message content is <paramref name="content"/>.</summary>
    public static FakeReply Completion(string? content, string finishReason = "stop", int promptTokens = 120, int completionTokens = 40, string? refusal = null)
    {
        var body = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_600_000_000,
            ["model"] = "gpt-4o-2024-08-06",
            ["system_fingerprint"] = "fp_fake",
            ["prompt_filter_results"] = new JsonArray(),
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["finish_reason"] = finishReason,
                ["logprobs"] = null,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = refusal },
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
        };
        return new FakeReply(200, body.ToJsonString());
    }

    /// <summary>A completion whose content is <c>{"bullets":[…]}</c>.</summary>
    public static FakeReply Bullets(params (string Text, string Kind, string[] Sources)[] bullets)
    {
        var array = new JsonArray(bullets
            .Select(b => (JsonNode)new JsonObject
            {
                ["text"] = b.Text,
                ["kind"] = b.Kind,
                ["sources"] = new JsonArray(b.Sources.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            })
            .ToArray());
        return Completion(new JsonObject { ["bullets"] = array }.ToJsonString());
    }

    public static FakeReply Error(int status, params (string Name, string Value)[] headers) => new(
        status,
        new JsonObject { ["error"] = new JsonObject { ["code"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture), ["message"] = "fake failure" } }.ToJsonString(),
        headers.ToDictionary(h => h.Name, h => h.Value));

    /// <summary>Never answers; the request ends when the client gives up.</summary>
    public static FakeReply Silent() => new(200, "", Hang: true);
}

/// <summary>
/// A local HTTP server (Kestrel on 127.0.0.1, a free port) that speaks the Azure OpenAI chat-completions wire
/// format: <c>POST /openai/deployments/{deployment}/chat/completions?api-version=…</c>. Each request is recorded
/// and answered by the test's responder.
/// </summary>
public sealed class FakeAzureOpenAI : IAsyncDisposable
{
    public const string Deployment = "gpt-test";
    public const string Key = "fake-key";

    private readonly Func<FakeChatRequest, FakeReply> _respond;
    private readonly ConcurrentQueue<FakeChatRequest> _requests = new();
    private LocalHttpServer _server = null!;
    private int _count;

    private FakeAzureOpenAI(Func<FakeChatRequest, FakeReply> respond) => _respond = respond;

    public Uri Endpoint => _server.Address;

    public IReadOnlyList<FakeChatRequest> Requests => _requests.OrderBy(r => r.Number).ToList();

    public static async Task<FakeAzureOpenAI> StartAsync(Func<FakeChatRequest, FakeReply> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        var fake = new FakeAzureOpenAI(respond);
        fake._server = await LocalHttpServer.StartWithRoutesAsync(app => app.MapPost("/openai/deployments/{deployment}/chat/completions", fake.AnswerAsync));
        return fake;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var request = new FakeChatRequest(
            Interlocked.Increment(ref _count),
            context.Request.Path,
            context.Request.Query["api-version"],
            context.Request.Headers["api-key"].FirstOrDefault(),
            context.Request.Headers.Authorization.FirstOrDefault(),
            body!,
            Stopwatch.GetTimestamp());
        _requests.Enqueue(request);
        var reply = _respond(request);
        if (reply.Hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }
}
