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

namespace MeetingBot.Channels.Tests.GoogleChat;

/// <summary>One request a local Google stand-in received.</summary>
internal sealed record GoogleRequest(int Index, string Method, string Path, string Query, string? Authorization, string Body);

/// <summary>The answer to one request: status, JSON body and headers.</summary>
internal sealed record GoogleReply(int Status, string Body = "{}", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>Kestrel on 127.0.0.1 standing in for Google (keys, OAuth token endpoint, Chat REST), answering with the test's function.</summary>
internal sealed class LocalGoogleServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private LocalGoogleServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public ConcurrentQueue<GoogleRequest> Requests { get; } = new();

    public Func<GoogleRequest, GoogleReply> Respond { get; set; } = _ => new GoogleReply(404);

    public static async Task<LocalGoogleServer> StartAsync(Func<GoogleRequest, GoogleReply>? respond = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalGoogleServer(app);
        if (respond is not null)
        {
            server.Respond = respond;
        }

        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new GoogleRequest(
                Interlocked.Increment(ref server._count),
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.Authorization.FirstOrDefault(),
                await reader.ReadToEndAsync(context.RequestAborted));
            server.Requests.Enqueue(request);
            var reply = server.Respond(request);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json; charset=UTF-8";
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(reply.Body, context.RequestAborted);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Address = new Uri(address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
