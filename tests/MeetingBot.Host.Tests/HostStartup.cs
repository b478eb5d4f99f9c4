using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace MeetingBot.Host.Tests;

/// <summary>Start-up checks: the real composition on given settings, started directly.</summary>
public static class HostStartup
{
    /// <summary>
    /// Starts the real host directly and returns why it refused: WebApplicationFactory runs Program on another thread,
    /// and when start-up fails it sometimes reports its own disposal instead of the start-up error, which is what these
    /// tests are about. Storage and meetings go under <paramref name="folder"/>.
    /// </summary>
    public static async Task<Exception> FailsAsync(string folder, Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, "bot.db")}";
        settings["Meetings:Folder"] = Path.Combine(folder, "meetings");
        settings["Urls"] = "http://127.0.0.1:0";
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddMeetingBot();
        await using var app = builder.Build();
        app.MapMeetingBot();
        return await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
    }
}
