using MeetingBot.Core;
using MeetingBot.Channels.Doors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Teams;

/// <summary>The Teams door in the composition: <see cref="AddTeams"/> for the services, <see cref="TeamsEndpoints.MapTeams"/> for the route.</summary>
public static class TeamsHosting
{
    /// <summary>
    /// Teams runs when it is configured: an app id (production) or <c>Teams:AllowUnauthenticated</c> (the local
    /// Playground). Otherwise the host serves everything else and <c>/api/messages</c> does not exist, so a fresh
    /// checkout still starts without an Azure bot registration.
    /// </summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(TeamsOptions.SectionName);
        var allow = section[nameof(TeamsOptions.AllowUnauthenticated)];
        // A value that is not a boolean counts as configured, so the options binder names the bad setting at start.
        return !string.IsNullOrWhiteSpace(section[nameof(TeamsOptions.AppId)])
            || (!string.IsNullOrWhiteSpace(allow) && !(bool.TryParse(allow, out var on) && !on));
    }

    /// <summary>
    /// When Teams is configured: the channel (<see cref="TeamsServiceCollectionExtensions.AddTeamsChannel"/>), the
    /// <see cref="TeamsTokenCheck.SchemeName"/> authentication scheme (never the default one), the join-URL
    /// binder, and the start-up warning for a door without tokens. The host registers the <see cref="IChatInbox"/>.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!IsConfigured(configuration))
        {
            return services;
        }

        services.AddTeamsChannel(configuration);
        services.AddDoorScheme<TeamsTokenCheck>(TeamsTokenCheck.SchemeName);
        services.AddSingleton<TeamsMeetingBinder>();
        services.AddHostedService<TeamsStartupNotice>();
        return services;
    }
}

/// <summary>Says so at every start, loudly, when the host takes Teams activities without a token.</summary>
internal sealed partial class TeamsStartupNotice(IOptions<TeamsOptions> options, ILogger<TeamsStartupNotice> logger) : IHostedService
{
    public const int UnauthenticatedEventId = 4221;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.AllowUnauthenticated)
        {
            LogUnauthenticated(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = UnauthenticatedEventId, Level = LogLevel.Warning, Message =
        "!!! 경고: Teams:AllowUnauthenticated=true — 토큰 없는 Teams 요청을 누구에게서나 받습니다. " +
        "로컬 개발(Microsoft 365 Agents Playground) 전용입니다. 운영 서버에서는 반드시 끄십시오. !!!")]
    private static partial void LogUnauthenticated(ILogger logger);
}
