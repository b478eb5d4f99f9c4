using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingBot.Host.Tests.GoogleChat;

/// <summary>Kestrel on 127.0.0.1 serving a JWK set the way <c>www.googleapis.com/oauth2/v3/certs</c> does.</summary>
internal sealed class GoogleKeyServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GoogleKeyServer(WebApplication app, Uri certsUrl)
    {
        _app = app;
        CertsUrl = certsUrl;
    }

    public Uri CertsUrl { get; }

    public static async Task<GoogleKeyServer> StartAsync(string jwks)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/oauth2/v3/certs", () => Results.Text(jwks, "application/json; charset=UTF-8"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new GoogleKeyServer(app, new Uri(address + "/oauth2/v3/certs"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
