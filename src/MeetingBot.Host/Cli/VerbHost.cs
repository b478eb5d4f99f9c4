using MeetingBot.Core;
using MeetingBot.Core.Engine;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Cli;

/// <summary>
/// What a verb runs on: the server's own composition (<see cref="MeetingBotBuilder"/>), built but never started, with
/// the settings of the sections the verb reads checked by the server's validators — every problem at once, one Korean
/// line each. The verb resolves its services from <see cref="Services"/>.
/// </summary>
public sealed class VerbHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private VerbHost(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public IConfiguration Configuration => _app.Configuration;

    public TimeboxSettings Timebox => Services.GetRequiredService<IOptions<TimeboxOptions>>().Value.ToSettings();

    /// <summary>For a verb: its <c>--구역:이름=값</c> settings and <c>--settings FILE</c>; Timebox is always checked.</summary>
    public static VerbHost Open(ParsedArgs args, params Type[] sections)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Open(args.Settings, args.Option("settings"), sections.Prepend(typeof(TimeboxOptions)));
    }

    /// <param name="sections">The options checked; null: every section the server checks.</param>
    /// <param name="before">See <see cref="MeetingBotBuilder.Create"/>.</param>
    public static VerbHost Open(IReadOnlyList<string> settings, string? settingsFile, IEnumerable<Type>? sections, Action<WebApplicationBuilder>? before = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settingsFile is not null && !File.Exists(settingsFile))
        {
            throw new MeetingBotException(SettingsText.NoSettingsFile(settingsFile));
        }

        WebApplicationBuilder builder;
        try
        {
            builder = MeetingBotBuilder.Create([.. settings], settingsFile, before);
        }
        catch (InvalidDataException ex)
        {
            throw new MeetingBotException(SettingsText.UnreadableFile(ex), ex);
        }

        // A verb prints its own lines; the services' logs would mix into its output.
        builder.Logging.ClearProviders();
        var checkedTypes = (sections ?? SettingsCheck.ValidatedTypes(builder.Services)).Distinct().ToList();
        var app = builder.Build();
        var problems = SettingsCheck.Problems(app.Services, app.Configuration, checkedTypes);
        if (problems.Count > 0)
        {
            ((IDisposable)app).Dispose();
            throw new MeetingBotException(string.Join("\n", problems));
        }

        return new VerbHost(app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
