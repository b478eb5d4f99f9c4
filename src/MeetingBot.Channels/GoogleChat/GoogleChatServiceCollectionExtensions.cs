using MeetingBot.Channels.GoogleChat;
using MeetingBot.Core;
using MeetingBot.Channels.Doors;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class GoogleChatServiceCollectionExtensions
{
    /// <summary>
    /// The Google Chat channel: the <c>GoogleChat</c> section (validated at start), the token checks (authentication
    /// scheme <see cref="GoogleChatTokenCheck.SchemeName"/>, never the default one), and the gateway
    /// that posts as the app, on an HttpClient with the standard resilience handler (429 with Retry-After, 5xx).
    /// </summary>
    public static IServiceCollection AddGoogleChat(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GoogleChatOptions>().BindConfiguration(GoogleChatOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GoogleChatOptions>, GoogleChatOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(GoogleSigningKeys.HttpClientName).AddStandardResilienceHandler();
        services.TryAddSingleton<GoogleSigningKeys>();
        services.TryAddSingleton<GoogleChatAuthenticator>();
        services.AddDoorScheme<GoogleChatTokenCheck>(GoogleChatTokenCheck.SchemeName);

        services.TryAddSingleton<IGoogleChatTokenSource, ServiceAccountTokenSource>();
        services.TryAddTransient<GoogleChatTokenHandler>();
        services.AddHttpClient(GoogleChatGateway.HttpClientName)
            .AddStandardResilienceHandler()
            .Services.AddHttpClient(GoogleChatGateway.HttpClientName)

            // Added after the resilience handler, so it runs inside it: every attempt carries a current token.
            .AddHttpMessageHandler<GoogleChatTokenHandler>();
        services.TryAddSingleton<GoogleChatGateway>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatGateway, GoogleChatGateway>(sp => sp.GetRequiredService<GoogleChatGateway>()));
        return services;
    }
}
