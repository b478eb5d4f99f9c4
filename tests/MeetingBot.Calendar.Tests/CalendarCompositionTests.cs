using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingBot.Core;
using MeetingBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingBot.Calendar.Tests;

/// <summary>The calendar wired the way the host wires it: configuration, validation, factory, collector.</summary>
public sealed class CalendarCompositionTests : IDisposable
{
    private const string AccessToken = "ya29.c.test-access-token";
    private const string ClientEmail = "meetingbot@ydp-meetingbot.iam.gserviceaccount.com";
    private static readonly DateTimeOffset From = new(2020, 9, 1, 0, 0, 0, TimeSpan.FromHours(9));
    private static readonly DateTimeOffset To = new(2020, 10, 1, 0, 0, 0, TimeSpan.FromHours(9));

    private readonly string _folder = Directory.CreateTempSubdirectory("meetingbot-calendar-").FullName;
    private readonly RSA _key = RSA.Create(2048);

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Configured_sources_are_read_together_and_google_uses_the_service_account_key_and_its_token_uri()
    {
        var tokenRequests = new List<JsonObject>();
        await using var server = await LocalHttpServer.StartAsync(request =>
        {
            if (request.Path == "/oauth2/token")
            {
                lock (tokenRequests)
                {
                    tokenRequests.Add(VerifiedAssertion(request.Body));
                }

                return new Reply(200, $$"""{"access_token":"{{AccessToken}}","expires_in":3599,"token_type":"Bearer"}""");
            }

            return request.Authorization == $"Bearer {AccessToken}"
                ? GoogleWire.Page([GoogleWire.Event("g1", "전략사업 분과회의", "2020-09-15T14:00", "2020-09-15T16:00")], nextSyncToken: "sync-1")
                : GoogleWire.Error(401, "authError", "Invalid Credentials");
        });
        var keyFile = WriteServiceAccountKey(new Uri(server.Address, "oauth2/token"));

        using var provider = Provider(new Dictionary<string, string?>
        {
            ["Calendar:PollInterval"] = "00:02:00",
            ["Calendar:Sources:0:Name"] = "구글",
            ["Calendar:Sources:0:Type"] = "google",
            ["Calendar:Sources:0:CalendarId"] = GoogleWire.CalendarId,
            ["Calendar:Sources:0:CredentialsFile"] = keyFile,
            ["Calendar:Sources:0:BaseUrl"] = new Uri(server.Address, "calendar/v3/").ToString(),
            ["Calendar:Sources:1:Name"] = "아웃룩",
            ["Calendar:Sources:1:Type"] = "ics",
            ["Calendar:Sources:1:Path"] = Path.Combine("Ics", "outlook-export.ics"),
        });

        var options = provider.GetRequiredService<IOptions<CalendarOptions>>().Value;
        var fetch = await provider.GetRequiredService<CalendarCollector>().FetchAsync(From, To);

        Assert.Equal(TimeSpan.FromMinutes(2), options.PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), options.ReminderBefore);
        Assert.Empty(fetch.Errors);
        Assert.Equal(1, fetch.Events.Count(e => e.SourceName == "구글"));
        Assert.Equal(4, fetch.Events.Count(e => e.SourceName == "아웃룩"));
        Assert.Equal(fetch.Events.OrderBy(e => e.Start).Select(e => e.EventId), fetch.Events.Select(e => e.EventId));

        var claims = Assert.Single(tokenRequests);
        Assert.Equal(ClientEmail, claims["iss"]!.GetValue<string>());
        Assert.Equal("https://www.googleapis.com/auth/calendar.readonly", claims["scope"]!.GetValue<string>());

        // Google's OAuth docs: the assertion's audience is always Google's token URL, whatever address it is posted to.
        Assert.Equal("https://oauth2.googleapis.com/token", claims["aud"]!.GetValue<string>());
    }

    [Fact]
    public void Bad_settings_stop_the_host_with_messages_naming_them()
    {
        using var provider = Provider(new Dictionary<string, string?>
        {
            ["Calendar:PollInterval"] = "00:00:00",
            ["Calendar:Sources:0:Name"] = "구글",
            ["Calendar:Sources:0:Type"] = "google",
            ["Calendar:Sources:1:Name"] = "구글",
            ["Calendar:Sources:1:Type"] = "ics",
            ["Calendar:Sources:1:Path"] = Path.Combine(_folder, "없음.ics"),
            ["Calendar:Sources:2:Name"] = "피드",
            ["Calendar:Sources:2:Type"] = "ics",
            ["Calendar:Sources:2:Url"] = "ftp://calendar.example/ydp.ics",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CalendarOptions>>().Value);

        var failures = string.Join("\n", error.Failures);
        Assert.Contains("Calendar:PollInterval", failures);
        Assert.Contains("Calendar:Sources:0:CalendarId", failures);
        Assert.Contains("Calendar:Sources:0:CredentialsFile", failures);
        Assert.Contains("Calendar:Sources:1:Name", failures);
        Assert.Contains("Calendar:Sources:1:Path", failures);
        Assert.Contains("Calendar:Sources:2:Url", failures);
    }

    [Fact]
    public async Task Files_source_is_built_by_the_hook_the_host_registers()
    {
        var services = Services(new Dictionary<string, string?>
        {
            ["Calendar:Sources:0:Name"] = "회의 파일",
            ["Calendar:Sources:0:Type"] = "files",
        });
        var files = new StubSource("회의 파일", []);
        services.AddSingleton<FilesCalendarSourceFactory>(_ => files);
        using var provider = services.BuildServiceProvider();

        var collector = provider.GetRequiredService<CalendarCollector>();
        await collector.FetchAsync(From, To);

        Assert.Same(files, Assert.Single(collector.Sources));
        Assert.Equal(1, files.Calls);
    }

    [Fact]
    public void Files_source_without_the_hook_is_an_error_naming_the_setting()
    {
        using var provider = Provider(new Dictionary<string, string?>
        {
            ["Calendar:Sources:0:Name"] = "회의 파일",
            ["Calendar:Sources:0:Type"] = "files",
        });

        var error = Assert.Throws<MeetingBotException>(() => provider.GetRequiredService<CalendarCollector>());

        Assert.Equal("Calendar:Sources:0:Type", error.Field);
        Assert.Contains("회의 파일", error.Message);
    }

    [Fact]
    public async Task A_source_that_throws_becomes_an_error_beside_the_other_sources_events()
    {
        var start = new DateTimeOffset(2020, 9, 15, 14, 0, 0, TimeSpan.FromHours(9));
        var good = new StubSource("좋은 원본", [new CalendarEvent("좋은 원본", "e1", "전략사업 분과회의", start, start.AddHours(2), "Asia/Seoul", null, null, null, null, null, false)]);
        var bad = new StubSource("고장 난 원본", [], new InvalidOperationException("디스크 오류"));
        using var collector = new CalendarCollector([bad, good]);

        var fetch = await collector.FetchAsync(From, To);

        Assert.Equal("e1", Assert.Single(fetch.Events).EventId);
        var error = Assert.Single(fetch.Errors);
        Assert.Equal("고장 난 원본", error.SourceName);
        Assert.Contains("디스크 오류", error.Message);
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration).AddLogging().AddCalendar();
        return services;
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings) => Services(settings).BuildServiceProvider();

    private string WriteServiceAccountKey(Uri tokenUri)
    {
        var key = new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = "ydp-meetingbot",
            ["private_key_id"] = "4b1f0c5e2d7a9b3c6e8f1a2b3c4d5e6f7a8b9c0d",
            ["private_key"] = _key.ExportPkcs8PrivateKeyPem() + "\n",
            ["client_email"] = ClientEmail,
            ["client_id"] = "104729384756102938475",
            ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
            ["token_uri"] = tokenUri.ToString(),
            ["auth_provider_x509_cert_url"] = "https://www.googleapis.com/oauth2/v1/certs",
            ["client_x509_cert_url"] = "https://www.googleapis.com/robot/v1/metadata/x509/meetingbot%40ydp-meetingbot.iam.gserviceaccount.com",
            ["universe_domain"] = "googleapis.com",
        };
        var path = Path.Combine(_folder, "service-account.json");
        File.WriteAllText(path, key.ToJsonString());
        return path;
    }

    /// <summary>The claims of the JWT-bearer assertion, after checking it is signed with the key in the file.</summary>
    private JsonObject VerifiedAssertion(string form)
    {
        var fields = form.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", fields["grant_type"]);
        var parts = fields["assertion"].Split('.');
        var signed = _key.VerifyData(
            Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"),
            Base64Url(parts[2]),
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        Assert.True(signed, "the assertion is not signed with the service account's key");
        return JsonNode.Parse(Base64Url(parts[1]))!.AsObject();
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    private sealed class StubSource(string name, IReadOnlyList<CalendarEvent> events, Exception? failure = null) : ICalendarSource
    {
        public string Name => name;

        public int Calls { get; private set; }

        public Task<CalendarFetch> FetchAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
        {
            Calls++;
            return failure is null ? Task.FromResult(new CalendarFetch(events, [])) : throw failure;
        }
    }
}
