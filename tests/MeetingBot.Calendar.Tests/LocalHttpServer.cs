using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingBot.Calendar.Tests;

/// <summary>What a test server was asked, kept for assertions.</summary>
internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string? Authorization, string Body)
{
    public string? this[string name] => Query.TryGetValue(name, out var value) ? value : null;
}

/// <summary>The reply a test server gives to one request.</summary>
internal sealed record Reply(int Status, string Body, string ContentType = "application/json; charset=UTF-8", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>Kestrel on 127.0.0.1 with a port of its own, answering every request with the test's responder.</summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalHttpServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<LocalHttpServer> StartAsync(Func<RecordedRequest, Reply> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalHttpServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
                context.Request.Headers.Authorization.FirstOrDefault(),
                await reader.ReadToEndAsync(context.RequestAborted));
            server!.Requests.Enqueue(request);
            var reply = respond(request);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.ContentType;
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(reply.Body, context.RequestAborted);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server = new LocalHttpServer(app, new Uri(address + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
