using MeetingBot.Core;
using MeetingBot.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Host.Tests.GoogleChat;

/// <summary>
/// The real host with Google Chat switched on: its own SQLite file and meetings folder (the 전략사업 sample with Google
/// Chat user ids), a fake clock, keys from a local key server (<see cref="StartKeyServerAsync"/>), and a recording
/// gateway in place of the Chat API.
/// </summary>
internal sealed class GoogleChatHost : WebApplicationFactory<Program>
{
    public const string Endpoint = "https://meetingbot.test/api/googlechat";
    public const string MeetingId = "ydp-2020-09-strategy";
    public const string Chair = "users/111";
    public const string Staff = "users/110";

    private readonly string _work = Directory.CreateTempSubdirectory("meetingbot-googlechat-host-").FullName;
    private readonly Dictionary<string, string?> _settings;

    /// <summary>Where www.googleapis.com publishes Google's JWK set; <see cref="StartKeyServerAsync"/> serves it there.</summary>
    public const string CertsPath = "/oauth2/v3/certs";

    /// <param name="keys">The local key server (<see cref="StartKeyServerAsync"/>) whose key set the host trusts.</param>
    public GoogleChatHost(LocalHttpServer keys, string audience = Endpoint, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var meetings = Directory.CreateDirectory(Path.Combine(_work, "meetings")).FullName;
        var sample = File.ReadAllText(RepositoryFiles.PathOf("samples", "2020-09", "strategy.meeting.yaml"));
        File.WriteAllText(Path.Combine(meetings, "strategy.meeting.yaml"), sample.Replace("chatUserId: user-id-", "chatUserId: users/11", StringComparison.Ordinal));
        _settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_work, "meetingbot.db")}",
            ["Meetings:Folder"] = meetings,
            ["GoogleChat:Audience"] = audience,
            ["GoogleChat:CertsUrl"] = keys.Url(CertsPath),
            ["GoogleChat:BaseUrl"] = "http://127.0.0.1:9/",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>A local stand-in for www.googleapis.com serving <paramref name="jwks"/> at <see cref="CertsPath"/>; any other path answers 404.</summary>
    public static Task<LocalHttpServer> StartKeyServerAsync(string jwks) =>
        LocalHttpServer.StartWithRoutesAsync(app => app.MapGet(CertsPath, () => Results.Text(jwks, "application/json; charset=UTF-8")));

    /// <summary>The afternoon of the sample meeting, after its slot: the scheduler has nothing to post on its own.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2020, 9, 15, 16, 30, 0, TimeSpan.FromHours(9)));

    public RecordingChatGateway Chat { get; } = new("googlechat");

    public IMeetingStore Store => Services.GetRequiredService<IMeetingStore>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<IChatGateway>();
            services.AddSingleton<IChatGateway>(Chat);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(_work, recursive: true);
            }
            catch (IOException)
            {
                // The SQLite file may still be closing; a leftover temp folder is harmless.
            }
        }
    }
}
