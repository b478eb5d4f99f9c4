using MeetingBot.Channels.GoogleChat;
using MeetingBot.Channels.Teams;
using MeetingBot.Channels.Transcripts;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.Host.Api;
using MeetingBot.Host.Services;
using MeetingBot.Reports;
using MeetingBot.Storage;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host;

/// <summary>Composition: what <c>Program.cs</c> calls, one line per module.</summary>
public static class MeetingBotHost
{
    public static WebApplicationBuilder AddMeetingBot(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMeetingBot(builder.Configuration);
        return builder;
    }

    /// <summary>Everything the server runs on; the verbs build the same to check the settings they read.</summary>
    public static IServiceCollection AddMeetingBot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingletonTimeProvider();
        services.AddTrustedProxies();
        services.AddStaffAccess();
        services.AddStaffSignIn(configuration);
        services.AddMeetingBotStorage();
        services.AddHostedService<StoreWatch>();
        services.AddDrafting();
        services.AddSingleton(_ => ReportFiles.Default());
        services.AddSingleton<ReportService>();
        services.AddOutboxDrain();
        services.AddTeams(configuration);
        services.AddMeetingFolder();
        services.AddTimebox();
        services.AddReportDelivery();
        services.AddCalendarScheduling();
        services.AddTranscripts();
        services.AddGoogleChat();
        services.AddProblemDetails();
        return services;
    }

    public static WebApplication MapMeetingBot(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // First, so everything after sees the client's address and scheme as the trusted proxy reported them.
        app.UseForwardedHeaders();
        app.UseExceptionHandler();

        // The doors' token checks (schemes Teams and GoogleChat) run here, before an endpoint reads a body.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseStaffSignIn();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" }));
        app.MapGet("/healthz/ready", ReadyAsync);
        app.MapStaffApi();
        app.MapReportsApi();
        app.MapCandidatesApi();
        app.MapStaffPage();
        app.MapCalendarApi();
        app.MapGoogleChat();
        app.MapTeams();
        return app;
    }

    /// <summary>The <c>ForwardedHeaders</c> section (checked at start) applied to ASP.NET Core's forwarded-headers middleware.</summary>
    private static void AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<ProxyOptions, ProxyOptionsValidator>().BindConfiguration(ProxyOptions.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) => proxy.Value.ApplyTo(forwarded));
    }

    /// <summary>The <c>Meetings</c> section (checked at start) and the loader that stores its folder's meetings at start.</summary>
    private static void AddMeetingFolder(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<MeetingsOptions, MeetingsOptionsValidator>().BindConfiguration(MeetingsOptions.SectionName);
        services.AddHostedService<MeetingFolderLoader>();
    }

    /// <summary>The <c>Timebox</c> section (checked at start), the engine that keeps the time, and the clock that ticks it.</summary>
    private static void AddTimebox(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<TimeboxOptions, TimeboxOptionsValidator>().BindConfiguration(TimeboxOptions.SectionName);
        services.AddSingleton(sp => new MeetingEngine(
            sp.GetRequiredService<ITurnStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<TimeboxOptions>>().Value.ToSettings()));
        services.AddHostedService<TimeboxClockService>();
    }

    /// <summary>Spoken remarks and attendance (SPEC §9): the importers, the stored transcripts and their collector.</summary>
    private static void AddTranscripts(this IServiceCollection services)
    {
        services.AddTranscriptSources();
        services.AddSingleton<SpokenRemarks>();
        services.AddSingleton<TranscriptCollector>();
        services.AddHostedService(sp => sp.GetRequiredService<TranscriptCollector>());
        services.AddSingleton<TranscriptRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<TranscriptRetention>());
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    /// <summary>
    /// Ready when the store answers within two seconds: a load balancer sends this instance nothing while its database
    /// is out of reach, and the instance becomes ready again by itself when the database returns. <c>/healthz</c> only
    /// says the process is alive.
    /// </summary>
    private static async Task<IResult> ReadyAsync(IStoreHealth health, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await health.CheckAsync(linked.Token).ConfigureAwait(false);
            return TypedResults.Ok(new { status = "ready" });
        }
        catch (StoreUnavailableException ex)
        {
            return TypedResults.Json(new { status = "unavailable", problem = ex.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
