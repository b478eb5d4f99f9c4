using System.Net.Http.Headers;
using MeetingBot.Core;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace MeetingBot.Channels.Teams;

/// <summary>The bearer token for calls to the Bot Connector; null when the bot runs without an app id (local Playground).</summary>
public interface IBotTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken = default);
}

/// <summary>The connector's token: <see cref="AppToken"/> for the Bot Framework scope.</summary>
public sealed class MsalBotTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory) : IBotTokenProvider
{
    public const string Scope = "https://api.botframework.com/.default";
    public const string HttpClientName = AppToken.HttpClientName;

    private readonly AppToken _token = new(options?.Value ?? throw new ArgumentNullException(nameof(options)), Scope, httpClientFactory);

    public Task<string?> GetTokenAsync(CancellationToken cancellationToken = default) => _token.GetTokenAsync(cancellationToken);
}

/// <summary>
/// The bot app's own token for one scope (the connector's, Microsoft Graph's), by client credentials against the bot's
/// tenant. MSAL keeps the token in its cache and renews it before it expires. Null when the bot runs without an app id.
/// </summary>
public sealed class AppToken
{
    public const string HttpClientName = "MeetingBot.Teams.Token";

    private readonly IConfidentialClientApplication? _application;
    private readonly string _scope;

    public AppToken(TeamsOptions teams, string scope, IHttpClientFactory httpClientFactory)
    {
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        _scope = scope;
        if (string.IsNullOrEmpty(teams.AppId))
            return;

        _application = ConfidentialClientApplicationBuilder.Create(teams.AppId)
            .WithClientSecret(teams.AppPassword)
            .WithAuthority(new Uri(new Uri(teams.OAuthAuthority.TrimEnd('/') + "/"), teams.TenantId).ToString())
            .WithHttpClientFactory(new MsalHttpClientFactory(httpClientFactory))
            .Build();
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_application is null)
            return null;
        var result = await _application.AcquireTokenForClient([_scope]).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return result.AccessToken;
    }

    private sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);
    }
}

/// <summary>
/// Puts the bot's token on each connector attempt (it sits inside the retry, so a retry after a long wait gets a fresh one),
/// and only on requests to a service URL <see cref="ServiceUrlTrust"/> trusts. A request anywhere else is refused before it
/// leaves, since the connector would refuse it without the token anyway; only in development mode
/// (<c>Teams:AllowUnauthenticated</c>, the Playground) does it go, without a token.
/// </summary>
internal sealed class BotTokenHandler(IBotTokenProvider tokens, ServiceUrlTrust trust, IOptions<TeamsOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("A connector request needs an absolute URI.");
        if (trust.IsTrusted(uri))
        {
            if (await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false) is { } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (!options.Value.AllowUnauthenticated)
        {
            throw new MeetingBotException(TeamsStrings.UntrustedServiceUrl(uri), field: "Teams:TrustedServiceUrlHosts");
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
