namespace MeetingBot.Host;

/// <summary>
/// The one builder the server and every command-line verb start from, so a verb reads the settings the server reads:
/// <c>appsettings.json</c> and <c>appsettings.{Environment}.json</c> of the working folder, environment variables
/// (<c>Section__Key</c>), then <c>--구역:이름=값</c> on the command line; a verb's <c>--settings FILE</c> last, so it wins.
/// </summary>
public static class MeetingBotBuilder
{
    /// <param name="args">The server's arguments, or the settings a verb was given (<c>--구역:이름=값</c>).</param>
    /// <param name="settingsFile">A further JSON settings file (a verb's <c>--settings</c>).</param>
    /// <param name="before">Runs before the composition: tests give their settings and clock here.</param>
    /// <exception cref="InvalidDataException">A settings file is not JSON (see <see cref="SettingsText.UnreadableFile"/>).</exception>
    public static WebApplicationBuilder Create(string[] args, string? settingsFile = null, Action<WebApplicationBuilder>? before = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settingsFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(settingsFile), optional: false);
        }

        before?.Invoke(builder);
        return builder.AddMeetingBot();
    }
}
