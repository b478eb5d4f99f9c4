using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MeetingBot.Host.Tests.GoogleChat;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests;

/// <summary><c>GET /api/calendar</c>: the staff page's view of the calendar sources and the schedule.</summary>
public sealed class CalendarApiTests : IAsyncLifetime, IDisposable
{
    private const string StaffKey = "staff-key-for-calendar-8Xq3-Tn6w";

    private readonly GoogleChatTokens _google = new();
    private LocalHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await GoogleChatHost.StartKeyServerAsync(_google.JwksJson());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _google.Dispose();

    [Fact]
    public async Task Staff_see_each_sources_last_poll_with_its_error_and_the_schedule()
    {
        var brokenFeed = _server.Url("/ydp/basic.ics");
        await using var host = new GoogleChatHost(_server, settings: new Dictionary<string, string?>
        {
            ["Staff:ApiKey"] = StaffKey,
            ["Calendar:Sources:0:Name"] = "회의 파일",
            ["Calendar:Sources:0:Type"] = "files",
            ["Calendar:Sources:1:Name"] = "고장 난 피드",
            ["Calendar:Sources:1:Type"] = "ics",
            ["Calendar:Sources:1:Url"] = brokenFeed,
        });
        using var client = host.CreateClient();

        var anonymous = await client.GetAsync("/api/calendar");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StaffKey);
        var overview = await PollUntilAsync(client, o => o.GetProperty("sources").GetArrayLength() == 2);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var sources = overview.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Contains("404", sources["고장 난 피드"].GetProperty("error").GetString());
        Assert.Contains(brokenFeed, sources["고장 난 피드"].GetProperty("error").GetString());
        Assert.Equal(1, sources["고장 난 피드"].GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal(JsonValueKind.Null, sources["회의 파일"].GetProperty("error").ValueKind);
        Assert.Equal(1, sources["회의 파일"].GetProperty("events").GetInt32());
        var row = Assert.Single(overview.GetProperty("schedule").EnumerateArray());
        Assert.Equal(GoogleChatHost.MeetingId, row.GetProperty("meetingId").GetString());
    }

    /// <summary>The scheduler polls in the background as the host starts; this waits for its first round (a hang guard, not a timing).</summary>
    private static async Task<JsonElement> PollUntilAsync(HttpClient client, Func<JsonElement, bool> done)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await client.GetAsync("/api/calendar", guard.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var overview = JsonDocument.Parse(await response.Content.ReadAsStringAsync(guard.Token)).RootElement;
            if (done(overview))
            {
                return overview;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), guard.Token);
        }
    }
}
