using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingBot.TestSupport;

/// <summary>
/// One request a <see cref="LocalHttpServer"/> received. <paramref name="Index"/> counts from 1 in arrival order,
/// <paramref name="Query"/> is the raw query string (<c>?a=1</c> or empty), <paramref name="Authorization"/> is empty
/// when the header is absent, and <paramref name="At"/> is the time since the server started, for pacing checks.
/// </summary>
public sealed record RecordedRequest(int Index, string Method, string Path, string Query, string Authorization, string Body, TimeSpan At)
{
    /// <summary>One query parameter, or null when the request did not carry it.</summary>
    public string? this[string name] => QueryHelpers.ParseQuery(Query).TryGetValue(name, out var value) ? value.ToString() : null;
}

/// <summary>The answer a <see cref="LocalHttpServer"/> gives to one request.</summary>
public sealed record Reply(
    int Status,
    string Body = "{}",
    string ContentType = "application/json; charset=UTF-8",
    IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a free port, standing in for a remote service in tests: either it records
/// every request and answers with the test's function, or it serves the routes (and services) the test composes.
/// </summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _count;

    private LocalHttpServer(WebApplication app) => _app = app;

    /// <summary>Root URL with a trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Requests in arrival order; only the recording servers keep them, a routed one leaves this empty.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests.OrderBy(r => r.Index)];

    /// <summary>The absolute URL of <paramref name="path"/> on this server.</summary>
    public string Url(string path) => new Uri(Address, path).AbsoluteUri;

    /// <summary>Records every request and answers with the reply <paramref name="respond"/> gives for it.</summary>
    public static Task<LocalHttpServer> StartAsync(Func<RecordedRequest, Reply> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        return StartAsync((request, context) => WriteAsync(respond(request), context));
    }

    /// <summary>Records every request and lets <paramref name="respond"/> write the answer, or hold it back.</summary>
    public static Task<LocalHttpServer> StartAsync(Func<RecordedRequest, HttpContext, Task> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        return StartCoreAsync(null, (server, app) => app.Run(async context => await respond(await server.RecordAsync(context), context)));
    }

    /// <summary>Serves what <paramref name="configure"/> maps, after <paramref name="compose"/> has added its services and settings.</summary>
    public static Task<LocalHttpServer> StartWithRoutesAsync(Action<WebApplication> configure, Action<WebApplicationBuilder>? compose = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return StartCoreAsync(compose, (_, app) => configure(app));
    }

    public async ValueTask DisposeAsync()
    {
        // A test may leave a request hanging on purpose; stopping must not wait for it.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private static async Task<LocalHttpServer> StartCoreAsync(Action<WebApplicationBuilder>? compose, Action<LocalHttpServer, WebApplication> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        compose?.Invoke(builder);
        var app = builder.Build();
        var server = new LocalHttpServer(app);
        configure(server, app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Address = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    private static Task WriteAsync(Reply reply, HttpContext context)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        return context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new RecordedRequest(
            Interlocked.Increment(ref _count),
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.Authorization.ToString(),
            body,
            Stopwatch.GetElapsedTime(_started));
        _requests.Enqueue(request);
        return request;
    }
}
