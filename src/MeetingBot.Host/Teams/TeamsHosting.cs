using MeetingBot.Channels.Teams;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Teams;

/// <summary>The Teams door of the host: one line in the composition for the services, one for the endpoint.</summary>
public static partial class TeamsHosting
{
    public const string Endpoint = "/api/messages";

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

    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!IsConfigured(configuration))
        {
            return services;
        }

        services.AddTeamsChannel(configuration);
        services.AddSingleton<TeamsMeetingBinder>();
        services.AddSingleton<TeamsInbox>();
        services.AddHostedService<TeamsStartupNotice>();
        return services;
    }

    /// <summary><c>POST /api/messages</c> when Teams is configured: bodies over 256 KB are refused with 413 before anything else.</summary>
    public static WebApplication MapTeamsChannel(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<TeamsInbox>() is null)
        {
            LogOff(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsHosting).FullName!));
            return app;
        }

        app.MapTeams((inbound, services, ct) => services.GetRequiredService<TeamsInbox>().HandleAsync(inbound, ct), Endpoint)
            .AddEndpointFilter<RequestBodyLimit>();
        return app;
    }

    [LoggerMessage(EventId = 4220, Level = LogLevel.Information, Message = "Teams 채널이 꺼져 있습니다(Teams:AppId 없음). /api/messages 를 열지 않습니다.")]
    private static partial void LogOff(ILogger logger);
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
