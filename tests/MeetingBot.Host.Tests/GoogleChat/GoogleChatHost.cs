using MeetingBot.Core;
using MeetingBot.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Host.Tests.GoogleChat;

/// <summary>
/// The real host with Google Chat switched on: its own SQLite file and meetings folder (the 전략사업 sample with Google
/// Chat user ids), a fake clock, keys from a local key server (<see cref="StartKeyServerAsync"/>), and a recording
/// gateway in place of the Chat API.
/// </summary>
internal sealed class GoogleChatHost : TestHost
{
    public const string Endpoint = "https://meetingbot.test/api/googlechat";
    public const string MeetingId = "ydp-2020-09-strategy";
    public const string Chair = "users/111";
    public const string Staff = "users/110";

    /// <summary>Where www.googleapis.com publishes Google's JWK set; <see cref="StartKeyServerAsync"/> serves it there.</summary>
    public const string CertsPath = "/oauth2/v3/certs";

    private readonly HostWork _work;

    /// <param name="keys">The local key server (<see cref="StartKeyServerAsync"/>) whose key set the host trusts.</param>
    public GoogleChatHost(LocalHttpServer keys, string audience = Endpoint, IReadOnlyDictionary<string, string?>? settings = null)
        : this(new HostWork(), keys, audience, settings)
    {
    }

    private GoogleChatHost(HostWork work, LocalHttpServer keys, string audience, IReadOnlyDictionary<string, string?>? settings)
        : base(Defaults(work, keys, audience), settings, clock: null, kestrel: false) => _work = work;

    /// <summary>The afternoon of the sample meeting, after its slot: the scheduler has nothing to post on its own.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2020, 9, 15, 16, 30, 0, TimeSpan.FromHours(9)));

    public RecordingChatGateway Chat { get; } = new("googlechat");

    /// <summary>A local stand-in for www.googleapis.com serving <paramref name="jwks"/> at <see cref="CertsPath"/>; any other path answers 404.</summary>
    public static Task<LocalHttpServer> StartKeyServerAsync(string jwks) =>
        LocalHttpServer.StartWithRoutesAsync(app => app.MapGet(CertsPath, () => Results.Text(jwks, "application/json; charset=UTF-8")));

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.RemoveAll<IChatGateway>();
        services.AddSingleton<IChatGateway>(Chat);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _work.Dispose();
        }
    }

    /// <summary>The sample meeting with Google Chat user ids (<c>users/11N</c>), and Google's endpoints pointed at <paramref name="keys"/>.</summary>
    private static Dictionary<string, string?> Defaults(HostWork work, LocalHttpServer keys, string audience)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var sample = File.ReadAllText(RepositoryFiles.PathOf("samples", "2020-09", "strategy.meeting.yaml"));
        File.WriteAllText(Path.Combine(work.Meetings, "strategy.meeting.yaml"), sample.Replace("chatUserId: user-id-", "chatUserId: users/11", StringComparison.Ordinal));
        return new()
        {
            ["Storage:ConnectionString"] = $"Data Source={work.Database}",
            ["Meetings:Folder"] = work.Meetings,
            ["GoogleChat:Audience"] = audience,
            ["GoogleChat:CertsUrl"] = keys.Url(CertsPath),
            ["GoogleChat:BaseUrl"] = "http://127.0.0.1:9/",
        };
    }
}
