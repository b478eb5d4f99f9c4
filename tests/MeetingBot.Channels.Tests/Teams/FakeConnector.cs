using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace MeetingBot.Channels.Tests.Teams;

/// <summary>A Bot Connector on 127.0.0.1 that records every request and answers as the test says.</summary>
internal sealed class FakeConnector : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private LocalServer _server = null!;
    private int _count;

    /// <summary>Answer to a request; the default acknowledges with an activity id, as the connector does.</summary>
    public Func<RecordedRequest, HttpContext, Task> Respond { get; set; } = Acknowledge;

    /// <summary>Like the Playground's, the service URL has a path.</summary>
    public string ServiceUrl => _server.Url("/_connector");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests.OrderBy(r => r.Index)];

    public static async Task<FakeConnector> StartAsync()
    {
        var connector = new FakeConnector();
        connector._server = await LocalServer.StartAsync(connector.HandleAsync);
        return connector;
    }

    public static async Task Acknowledge(RecordedRequest request, HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsJsonAsync(new { id = $"act-{request.Index}" });
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new RecordedRequest(
            Interlocked.Increment(ref _count),
            context.Request.Method,
            context.Request.Path.Value ?? "",
            body,
            Stopwatch.GetElapsedTime(_started),
            context.Request.Headers.Authorization.ToString());
        _requests.Enqueue(request);
        await Respond(request, context);
    }
}

internal sealed record RecordedRequest(int Index, string Method, string Path, string Body, TimeSpan At, string Authorization);
