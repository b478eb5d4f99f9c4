using MeetingBot.TestSupport;
using Microsoft.AspNetCore.Http;

namespace MeetingBot.Channels.Tests.Teams;

/// <summary>A Bot Connector on 127.0.0.1 that records every request and answers as the test says.</summary>
internal sealed class FakeConnector : IAsyncDisposable
{
    private LocalHttpServer _server = null!;

    /// <summary>Answer to a request; the default acknowledges with an activity id, as the connector does.</summary>
    public Func<RecordedRequest, HttpContext, Task> Respond { get; set; } = Acknowledge;

    /// <summary>Like the Playground's, the service URL has a path.</summary>
    public string ServiceUrl => _server.Url("/_connector");

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

    public static async Task<FakeConnector> StartAsync()
    {
        var connector = new FakeConnector();
        connector._server = await LocalHttpServer.StartAsync((request, context) => connector.Respond(request, context));
        return connector;
    }

    public static async Task Acknowledge(RecordedRequest request, HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsJsonAsync(new { id = $"act-{request.Index}" });
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
