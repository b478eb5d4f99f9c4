using System.Net;
using MeetingBot.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace MeetingBot.Channels.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>Registers the Teams channel: options (section <c>Teams</c>, validated at start), authenticator, connector client, gateway.</summary>
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<TeamsOptions>()
            .Bind(configuration.GetSection(TeamsOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // No retry pipeline here: SigningKeyCache keeps the last good keys and tries again itself.
        services.AddHttpClient(MetadataDocumentRetriever.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        // MSAL retries token requests itself.
        services.AddHttpClient(MsalBotTokenProvider.HttpClientName);

        services.TryAddTransient<BotTokenHandler>();
        services.TryAddTransient<ConnectorAttemptHandler>();
        var connector = services.AddHttpClient(ConnectorClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        connector.AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
                ConfigureConnectorResilience(resilience, provider.GetRequiredService<IOptions<TeamsOptions>>().Value.Connector))
            // One circuit per service URL host: a regional connector that is down must not cut off the others.
            .SelectPipelineByAuthority();
        // Added after the resilience handler, so they run inside it: every attempt carries a current token, and the
        // innermost records whether the attempt may have reached the connector.
        connector.AddHttpMessageHandler<BotTokenHandler>();
        connector.AddHttpMessageHandler<ConnectorAttemptHandler>();

        services.TryAddSingleton<IBotTokenProvider, MsalBotTokenProvider>();
        services.TryAddSingleton<ServiceUrlTrust>();
        services.TryAddSingleton<BotAuthenticator>();
        services.TryAddSingleton<ConversationLanes>();
        services.TryAddSingleton<ConnectorClient>();
        services.TryAddSingleton<TeamsChatGateway>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatGateway, TeamsChatGateway>(p => p.GetRequiredService<TeamsChatGateway>()));
        return services;
    }

    /// <summary>
    /// Microsoft's guidance for the connector: retry 429, 412, 502, 504 (and other transient failures) with jittered
    /// exponential backoff, honouring Retry-After; except that a POST goes again only when the connector provably did
    /// not act on it (<see cref="ConnectorAttempts"/>). The circuit breaker counts what speaks for the host (5xx,
    /// timeouts, no connection), never 429: throttling is per conversation, and its back-off waits in that
    /// conversation's lane alone, while an open circuit would stop every conversation on the host.
    /// </summary>
    internal static void ConfigureConnectorResilience(HttpStandardResilienceOptions resilience, TeamsConnectorOptions connector)
    {
        resilience.Retry.MaxRetryAttempts = connector.MaxRetryAttempts;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = connector.RetryBaseDelay;
        resilience.Retry.MaxDelay = connector.RetryMaxDelay;
        resilience.Retry.ShouldRetryAfterHeader = true;
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage()));

        resilience.AttemptTimeout.Timeout = connector.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = connector.TotalTimeout;

        resilience.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(
            HttpClientResiliencePredicates.IsTransient(args.Outcome) && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests);
        resilience.CircuitBreaker.BreakDuration = connector.CircuitBreakDuration;
        var sampling = connector.AttemptTimeout * 2;
        resilience.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        var retryable = HttpClientResiliencePredicates.IsTransient(outcome)
            || outcome.Result?.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.TooManyRequests;
        return retryable && (request is null || request.Method != HttpMethod.Post || !ConnectorAttempts.IsOutcomeUnknown(request));
    }
}
