using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Channels.Tests.GoogleChat;

/// <summary>The channel composed as the host composes it, from settings, on the clock the test gives.</summary>
internal static class GoogleChatTestHost
{
    public static ServiceProvider Build(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration).AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddGoogleChat();
        return services.BuildServiceProvider();
    }
}
