using MeetingBot.Core;
using MeetingBot.Core.Engine;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host;

/// <summary>Settings for the command-line verbs: the same appsettings.json and environment variables as the server.</summary>
public sealed record HostConfiguration(IConfiguration Configuration, TimeboxSettings Timebox)
{
    /// <param name="settingsFile">A further JSON settings file (<c>--settings</c>), read last so it wins.</param>
    /// <param name="sections">
    /// The options the verb reads, checked with the server's own validators; every problem is reported at once, one line
    /// each. Timebox settings are always among them.
    /// </param>
    public static HostConfiguration Load(string? settingsFile = null, params Type[] sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        if (settingsFile is not null && !File.Exists(settingsFile))
        {
            throw new MeetingBotException($"설정 파일을 찾을 수 없습니다: {settingsFile}");
        }

        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables();
        if (settingsFile is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(settingsFile), optional: false);
        }

        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (InvalidDataException ex)
        {
            throw new MeetingBotException(SettingsText.UnreadableFile(ex), ex);
        }

        var services = new ServiceCollection().AddSingleton(configuration).AddLogging().AddMeetingBot(configuration);
        using (var provider = services.BuildServiceProvider())
        {
            var problems = SettingsCheck.Problems(provider, configuration, sections.Prepend(typeof(TimeboxOptions)).Distinct());
            if (problems.Count > 0)
            {
                throw new MeetingBotException(string.Join("\n", problems));
            }

            return new HostConfiguration(
                configuration,
                provider.GetRequiredService<IOptions<TimeboxOptions>>().Value.ToSettings());
        }
    }
}
