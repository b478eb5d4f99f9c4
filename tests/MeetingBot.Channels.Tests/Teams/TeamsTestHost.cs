using MeetingBot.Channels.Teams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingBot.Channels.Tests.Teams;

/// <summary>The Teams channel as the host would compose it (<c>AddTeamsChannel</c> over configuration), for tests.</summary>
internal static class TeamsTestHost
{
    public static ServiceProvider Build(IDictionary<string, string?> settings, TimeProvider? time = null, Action<IServiceCollection>? before = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (time is not null)
            services.AddSingleton(time);
        before?.Invoke(services);
        services.AddTeamsChannel(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Settings for fast tests: small backoffs and timeouts, generous pacing.</summary>
    public static Dictionary<string, string?> FastConnector(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AllowUnauthenticated"] = "true",
            ["Teams:Connector:MaxRetryAttempts"] = "3",
            ["Teams:Connector:RetryBaseDelay"] = "00:00:00.050",
            ["Teams:Connector:RetryMaxDelay"] = "00:00:00.200",
            ["Teams:Connector:AttemptTimeout"] = "00:00:02",
            ["Teams:Connector:TotalTimeout"] = "00:00:30",
            ["Teams:Connector:CircuitBreakDuration"] = "00:00:01",
            ["Teams:Connector:SendsPerSecond"] = "1000",
            ["Teams:Connector:SendsPer30Seconds"] = "10000",
        };
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;
        return settings;
    }
}
