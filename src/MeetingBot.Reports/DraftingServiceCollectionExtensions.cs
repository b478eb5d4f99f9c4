using MeetingBot.Reports.Drafting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class DraftingServiceCollectionExtensions
{
    /// <summary>The <c>Drafting</c> section (bound, checked at start) and the drafter it names.</summary>
    public static IServiceCollection AddDrafting(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptionsWithValidateOnStart<DraftingOptions, DraftingOptionsValidator>().BindConfiguration(DraftingOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DraftingOptions>>().Value;
            return Drafters.Create(options.Provider, options.AzureOpenAI, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>());
        });
        return services;
    }
}
