using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.Storage;
using MeetingBot.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The <c>Storage</c> section (bound, checked at start) and the store behind every storage port: opened once, when
    /// first asked for, so a bad setting is reported before the file is touched.
    /// </summary>
    public static IServiceCollection AddMeetingBotStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptionsWithValidateOnStart<StorageOptions, StorageOptionsValidator>().BindConfiguration(StorageOptions.SectionName);
        services.AddSingleton<IMeetingStore>(sp => Open(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => (IReportRecordStore)sp.GetRequiredService<IMeetingStore>());
        services.AddSingleton(sp => (ITurnStore)sp.GetRequiredService<IMeetingStore>());
        services.AddSingleton(sp => (ITranscriptStore)sp.GetRequiredService<IMeetingStore>());
        services.AddSingleton(sp => (IStoreHealth)sp.GetRequiredService<IMeetingStore>());
        services.AddSingleton(sp => (IWorkClaims)sp.GetRequiredService<IMeetingStore>());
        return services;
    }

    // Start-up composition has no async path here; opening the store once (and migrating it) is quick and must finish
    // before serving. The provider was validated at start (StorageOptionsValidator).
    // The container owns the store it is handed and disposes it.
#pragma warning disable CA2000
    private static IMeetingStore Open(StorageOptions options) => options.IsPostgres
        ? PostgresMeetingStore.OpenAsync(options.ConnectionString, TimeSpan.FromSeconds(options.LeaseSeconds)).GetAwaiter().GetResult()
        : SqliteMeetingStore.OpenAsync(options.ConnectionString).GetAwaiter().GetResult();
#pragma warning restore CA2000
}
