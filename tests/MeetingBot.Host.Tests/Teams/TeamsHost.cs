using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MeetingBot.Host.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Host.Tests.Teams;

/// <summary>
/// A Teams meeting of the pilot kind: a Teams join link, the Playground's users as participants (Alex Wilber, its
/// current user, is the staff member; Lynne Robbins has no chat id, so chats know her only as a guest), three agenda items.
/// </summary>
public static class TeamsMeeting
{
    public const string Id = "ydp-teams-pilot";
    public const string JoinUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_pilot%40thread.v2/0?context=%7b%22Tid%22%3a%22t1%22%7d";

    public static string Yaml(DateTimeOffset start, string id = Id, string joinUrl = JoinUrl) => $$"""
        id: {{id}}
        council: 영등포구협치회의
        subcommittee: 전략사업
        title: 영등포구협치회의 분과회의(시범)
        start: {{start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}}
        timeZone: Asia/Seoul
        place: 온라인
        platform: Microsoft Teams
        joinUrl: "{{joinUrl}}"
        participants:
          - { name: Alex Wilber, sector: admin, role: staff, chatUserId: user-id-0 }
          - { name: Megan Bowen, sector: civil, role: chair, chatUserId: user-id-1 }
          - { name: Adele Vance, sector: civil, role: member, chatUserId: user-id-2 }
          - { name: Isaiah Langer, sector: civil, role: member, chatUserId: user-id-3 }
          - { name: Patti Fernandez, sector: admin, role: member, chatUserId: user-id-4 }
          - { name: Lynne Robbins, sector: civil, role: member }
        agenda:
          - { section: 안내, title: 참석자 소개 및 인사, minutes: 5, lead: (부)분과장 }
          - { section: 회의진행, title: 마을 돌봄 네트워크 운영 방안, minutes: 20, lead: 협치조정관 }
          - { section: 마무리, title: 향후 일정 안내, minutes: 5, lead: (부)분과장 }
        """;
}

/// <summary>Teams activities as the Bot Service (or the Playground) posts them.</summary>
public static class Activities
{
    public const string BotId = "28:meetingbot";
    public const string BotName = "회의봇";

    public static string Message(
        string id,
        string text,
        string conversationId,
        string serviceUrl,
        string fromId = "user-id-1",
        string fromName = "Megan Bowen",
        bool mention = true,
        string conversationType = "groupChat",
        string? meetingId = null,
        string type = "message")
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = "2026-11-27T05:00:00.000Z",
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = fromId, ["name"] = fromName },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType, ["isGroup"] = conversationType != "personal" },
            ["text"] = mention ? $"<at>{BotName}</at> {text}" : text,
            ["textFormat"] = "plain",
            ["entities"] = mention
                ? new JsonArray(new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName }, ["text"] = $"<at>{BotName}</at>" })
                : new JsonArray(),
            ["channelData"] = meetingId is null
                ? new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } }
                : new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" }, ["meeting"] = new JsonObject { ["id"] = meetingId } },
            ["someFieldTeamsAddsLater"] = new JsonObject { ["nested"] = true },
        };
        return activity.ToJsonString();
    }

    /// <summary>An <c>adaptiveCard/action</c> invoke: a click on an <c>Action.Execute</c> with <paramref name="verb"/> and the card's inputs.</summary>
    public static string Invoke(string id, string verb, string conversationId, string serviceUrl, string fromId, string fromName, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var data = new JsonObject { ["verb"] = verb };
        foreach (var (key, value) in inputs ?? new Dictionary<string, string>())
        {
            data[key] = value;
        }

        var activity = JsonNode.Parse(Message(id, "", conversationId, serviceUrl, fromId, fromName, mention: false, type: "invoke"))!.AsObject();
        activity.Remove("text");
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity.ToJsonString();
    }

    /// <summary>An <c>Action.Submit</c> click (the fallback): a message with no text whose value is the action's data.</summary>
    public static string Submit(string id, string verb, string conversationId, string serviceUrl, string fromId, string fromName)
    {
        var activity = JsonNode.Parse(Message(id, "", conversationId, serviceUrl, fromId, fromName, mention: false))!.AsObject();
        activity.Remove("text");
        activity["value"] = new JsonObject { ["verb"] = verb };
        return activity.ToJsonString();
    }
}

/// <summary>The real host with Teams configured (and a fast connector retry and no send limit, so tests wait little).</summary>
public sealed class TeamsHost(HostWork work, IDictionary<string, string?> settings, FakeTimeProvider? clock = null, bool kestrel = false, Action<IServiceCollection>? configureServices = null)
    : TestHost(Defaults(work), settings, clock, kestrel)
{
    public const string StaffKey = "teams-staff-key-4Kp9-Wz7r-Qe2m-Vd8x";

    private static Dictionary<string, string?> Defaults(HostWork work) => new()
    {
        ["Storage:ConnectionString"] = $"Data Source={work.Database}",
        ["Meetings:Folder"] = work.Meetings,
        ["Reports:Folder"] = work.Reports,
        ["Staff:ApiKey"] = StaffKey,
        ["Teams:Connector:RetryBaseDelay"] = "00:00:00.050",
        ["Teams:Connector:RetryMaxDelay"] = "00:00:00.200",
        ["Teams:Connector:SendsPerSecond"] = "1000",
        ["Teams:Connector:SendsPer30Seconds"] = "10000",
    };

    public async Task<HttpResponseMessage> PostAsync(string body, string? token = null, string mediaType = "application/json")
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    public async Task PostOkAsync(string activity, string? token = null)
    {
        using var response = await PostAsync(activity, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The staff member binds <paramref name="chat"/> to <see cref="TeamsMeeting.Id"/>, the chair starts the meeting, the replies go.</summary>
    public async Task BindAndStartAsync(string chat, string serviceUrl, string? token = null)
    {
        await PostOkAsync(Activities.Message("bind", $"/연결 {TeamsMeeting.Id}", chat, serviceUrl, "user-id-0", "Alex Wilber"), token);
        await PostOkAsync(Activities.Message("start", "/시작", chat, serviceUrl), token);
        await RepliesSentAsync();
    }

    /// <summary>Waits until every reply queued so far has been handed to its gateway.</summary>
    public Task RepliesSentAsync() => Services.GetRequiredService<OutboxDrain>().IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

    protected override void ConfigureTestServices(IServiceCollection services) => configureServices?.Invoke(services);
}
