using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MeetingBot.Channels.Tests.Teams;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, answering with <paramref name="handler"/>.</summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Root URL without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; }

    public string Url(string path) => $"{BaseAddress.AbsoluteUri.TrimEnd('/')}{path}";

    public static Task<LocalServer> StartAsync(RequestDelegate handler) => StartAsync(app => app.Run(handler));

    public static Task<LocalServer> StartAsync(Action<WebApplication> configure) => StartAsync(_ => { }, configure);

    public static async Task<LocalServer> StartAsync(Action<WebApplicationBuilder> compose, Action<WebApplication> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        compose(builder);
        var app = builder.Build();
        configure(app);
        await app.StartAsync();
        return new LocalServer(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
