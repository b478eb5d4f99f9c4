using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.Host.Api;
using MeetingBot.Host.Services;
using MeetingBot.Host.Teams;
using MeetingBot.Reports;
using MeetingBot.Reports.Drafting;
using MeetingBot.Storage;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host;

/// <summary>Composition: what <c>Program.cs</c> calls, one line per module.</summary>
public static class MeetingBotHost
{
    public static WebApplicationBuilder AddMeetingBot(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingletonTimeProvider();
        services.AddOptionsWithValidateOnStart<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<MeetingsOptions>().BindConfiguration(MeetingsOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<TimeboxOptions>().BindConfiguration(TimeboxOptions.SectionName);
        services.AddOptionsWithValidateOnStart<DraftingOptions>().BindConfiguration(DraftingOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName);
        services.AddSingleton<IValidateOptions<TimeboxOptions>, HostOptionsValidator>();
        services.AddSingleton<IValidateOptions<MeetingsOptions>, HostOptionsValidator>();
        services.AddSingleton<IValidateOptions<ProxyOptions>, HostOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) => proxy.Value.ApplyTo(forwarded));
        services.AddStaffAccess();

        services.AddSingleton<IMeetingStore>(sp => OpenStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => new MeetingEngine(
            sp.GetRequiredService<IMeetingStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<TimeboxOptions>>().Value.ToSettings()));
        services.AddSingleton<IValidateOptions<DraftingOptions>, DraftingSettingsValidator>();
        services.AddSingleton<IOpinionDrafter>(sp => Drafters.Create(
            sp.GetRequiredService<IOptions<DraftingOptions>>().Value.Provider,
            Drafters.AzureOptions(builder.Configuration),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(_ => ReportFiles.Default());
        services.AddSingleton<ReportService>();
        services.AddSingleton<OutboundDispatcher>();
        services.AddOutboundQueue();
        services.AddTeams(builder.Configuration);
        services.AddHostedService<MeetingFolderLoader>();
        services.AddHostedService<TimeboxClockService>();
        services.AddReportDelivery();
        services.AddCalendarScheduling();
        services.AddGoogleChat();
        services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapMeetingBot(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // First, so everything after sees the client's address and scheme as the trusted proxy reported them.
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" }));
        app.MapStaffApi();
        app.MapStaffPage();
        app.MapCalendarApi();
        app.MapGoogleChat();
        app.MapTeamsChannel();
        return app;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static IMeetingStore OpenStore(StorageOptions options)
    {
        if (!string.Equals(options.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new MeetingBotException($"Storage:Provider '{options.Provider}' 은(는) 지원하지 않습니다. 사용 가능: sqlite");
        }

        // Start-up composition has no async path here; opening the file once is quick and must finish before serving.
        return SqliteMeetingStore.OpenAsync(options.ConnectionString).GetAwaiter().GetResult();
    }
}
