using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.Channels.Doors;
using MeetingBot.Host.Tests.Staff;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Host.Tests.Teams;

/// <summary>
/// <c>POST /api/messages</c> through the real host with Teams in its development mode (no token), replies going to
/// a connector on a real local port: bad input, redeliveries, binding by join URL and by hand, proactive warnings.
/// </summary>
public sealed class TeamsEndpointTests : IAsyncLifetime, IDisposable
{
    private const string Chat = "19:meeting_pilot@thread.v2";
    private static readonly DateTimeOffset MeetingStart = new(2026, 11, 27, 14, 0, 0, TimeSpan.FromHours(9));

    private readonly HostWork _work = new();
    private readonly FakeTimeProvider _clock = new(MeetingStart.AddMinutes(-10));
    private LocalConnector _connector = null!;
    private TeamsHost _host = null!;

    public async Task InitializeAsync()
    {
        _work.AddMeeting(TeamsMeeting.Id, TeamsMeeting.Yaml(MeetingStart));
        _connector = await LocalConnector.StartAsync();
        _host = new TeamsHost(_work, new Dictionary<string, string?> { ["Teams:AllowUnauthenticated"] = "true" }, _clock);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    public void Dispose() => _work.Dispose();

    private string Say(string id, string text, string from = "user-id-1", string name = "Megan Bowen", bool mention = true, string? meetingId = null, string conversation = Chat) =>
        Activities.Message(id, text, conversation, _connector.ServiceUrl, from, name, mention, meetingId: meetingId);

    private Task BindAndStartAsync() => _host.BindAndStartAsync(Chat, _connector.ServiceUrl);

    [Fact]
    public async Task MalformedJson_Is400WithAKoreanProblem_AndNothingIsStored()
    {
        foreach (var body in new[] { "{\"type\":\"message\",", "[1,2]", "null", "not json at all" })
        {
            using var response = await _host.PostAsync(body);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("잘못된 요청", problem.RootElement.GetProperty("title").GetString());
            Assert.Contains("JSON", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.All(await _host.Store.ListMeetingsAsync(), m => Assert.Equal(0, m.EntryCount));
        Assert.Empty(_connector.Sent);
    }

    [Fact]
    public async Task BodyOver256KB_Is413_WhetherItsLengthIsDeclaredOrNot_AndNothingIsStored()
    {
        await BindAndStartAsync();
        var sentBefore = _connector.Sent.Count;
        var frame = Encoding.UTF8.GetByteCount(Say("big", "#의견 "));
        var tooBig = Say("big", "#의견 " + new string('x', RequestBodyLimit.MaxBytes - frame + 1));
        Assert.Equal(RequestBodyLimit.MaxBytes + 1, Encoding.UTF8.GetByteCount(tooBig));

        using var declared = await _host.PostAsync(tooBig);
        using var client = _host.CreateClient();
        using var chunkedBody = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(tooBig)));
        using var chunked = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), chunkedBody);

        foreach (var response in new[] { declared, chunked })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains("256 KB", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.False(await _host.Store.IsProcessedAsync("msteams", Chat, "big"));
        Assert.Empty(await _host.Store.GetEntriesAsync(TeamsMeeting.Id));

        // Just under the limit is an ordinary activity.
        var fits = Say("fits", "#의견 " + new string('x', RequestBodyLimit.MaxBytes - Encoding.UTF8.GetByteCount(Say("fits", "#의견 "))));
        Assert.Equal(RequestBodyLimit.MaxBytes, Encoding.UTF8.GetByteCount(fits));
        await _host.PostOkAsync(fits);
        Assert.Single(await _host.Store.GetEntriesAsync(TeamsMeeting.Id));
        await _host.RepliesSentAsync();
        Assert.Equal(sentBefore + 1, _connector.Sent.Count);
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("invoke")]
    [InlineData("installationUpdate")]
    [InlineData("somethingTeamsInventsNextYear")]
    public async Task UnknownActivityTypes_Are200_AndIgnored(string type)
    {
        var activity = Activities.Message("odd-1", "/시작", Chat, _connector.ServiceUrl, type: type);

        using var response = await _host.PostAsync(activity);
        await _host.RepliesSentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await _host.Store.IsProcessedAsync("msteams", Chat, "odd-1"));
        Assert.Empty(_connector.Sent);
    }

    [Fact]
    public async Task AnUnboundChat_IsToldPolitelyHowToBindIt_WhenItAddressesTheBot()
    {
        // Each reply out before the next message, so none is merged with another (a merged send answers no one message).
        await _host.PostOkAsync(Say("u1", "/시작"));
        await _host.RepliesSentAsync();
        await _host.PostOkAsync(Say("u2", "안녕하세요, 회의 언제 시작하나요?"));
        await _host.RepliesSentAsync();
        await _host.PostOkAsync(Say("u3", "오늘 날씨 좋네요", mention: false));
        await _host.RepliesSentAsync();

        var replies = _connector.Sent;
        Assert.Equal(["u1", "u2"], replies.Select(r => r.ReplyToId).Order(StringComparer.Ordinal));
        Assert.All(replies, r => Assert.Equal(BotText.Unbound, r.Text));
        Assert.All(replies, r => Assert.Equal(Chat, r.ConversationId));
        Assert.Contains("/연결", BotText.Unbound, StringComparison.Ordinal);
        Assert.Null(await _host.Store.FindBindingAsync("msteams", Chat));
    }

    [Fact]
    public async Task Redelivery_OfTheSameActivity_IsStoredOnce_AndAcknowledgedOnce()
    {
        await BindAndStartAsync();
        var opinion = Say("op-1", "#의견 돌봄 네트워크에 주민 참여를 늘렸으면 합니다", "user-id-2", "Adele Vance");

        await _host.PostOkAsync(opinion);
        await _host.PostOkAsync(opinion);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _host.PostOkAsync(opinion)));
        await _host.RepliesSentAsync();

        var entry = Assert.Single(await _host.Store.GetEntriesAsync(TeamsMeeting.Id));
        Assert.Equal("op-1", entry.SourceId);
        Assert.Equal("Adele Vance", entry.AuthorName);
        Assert.Single(_connector.TextsTo(Chat), t => t.StartsWith("✅ 1번 의견 접수", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABurstOfOpinions_IsEachStoredAndAcknowledgedExactlyOnce_InFewerConnectorSends()
    {
        await BindAndStartAsync();
        var before = _connector.Sent.Count;

        await Parallel.ForEachAsync(Enumerable.Range(1, 400), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            await _host.PostOkAsync(Say($"burst-{i}", $"#의견 동시에 남긴 의견 {i}", $"user-id-{2 + (i % 3)}", "이름")));
        await _host.RepliesSentAsync();

        Assert.Equal(400, (await _host.Store.GetEntriesAsync(TeamsMeeting.Id)).Count);
        var acks = _connector.TextsTo(Chat).Where(t => t.StartsWith("✅ ", StringComparison.Ordinal)).ToList();
        var numbers = acks.Select(t => int.Parse(t[2..t.IndexOf('번', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(1, 400), numbers.Order());
        Assert.True(_connector.Sent.Count - before < 400, $"{_connector.Sent.Count - before} sends for 400 acknowledgements");
    }

    [Fact]
    public async Task AMeetingChat_IsBoundByItsJoinUrl_LookedUpOncePerMeeting()
    {
        // Teams hands out the same link with other escaping and another context than the calendar has.
        _connector.Meetings["MCMxOTptZWV0aW5nX3BpbG90"] = "https://teams.microsoft.com/l/meetup-join/19%3Ameeting_pilot%40thread.v2/0?context=%7B%22Tid%22%3A%22other%22%7D";

        await _host.PostOkAsync(Say("j1", "/시작", meetingId: "MCMxOTptZWV0aW5nX3BpbG90"));
        await _host.PostOkAsync(Say("j2", "#의견 참가 링크로 연결된 대화방입니다", "user-id-3", "Isaiah Langer", meetingId: "MCMxOTptZWV0aW5nX3BpbG90"));
        await _host.RepliesSentAsync();

        var binding = await _host.Store.FindBindingAsync("msteams", Chat);
        Assert.Equal(TeamsMeeting.Id, binding?.MeetingId);
        Assert.Equal(_connector.ServiceUrl, binding?.Address.ServiceUrl);
        Assert.Equal(MeetingStatus.Running, (await _host.Store.GetRuntimeAsync(TeamsMeeting.Id))?.Status);
        Assert.Single(await _host.Store.GetEntriesAsync(TeamsMeeting.Id));
        Assert.Equal(["MCMxOTptZWV0aW5nX3BpbG90"], _connector.Lookups);
    }

    [Fact]
    public async Task AMeetingChatWhoseLinkMatchesNoFile_StaysUnbound_AndIsNotLookedUpForEveryMessage()
    {
        _connector.Meetings["other-meeting"] = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_elsewhere%40thread.v2/0";

        await _host.PostOkAsync(Say("x1", "/시작", meetingId: "other-meeting"));
        await _host.PostOkAsync(Say("x2", "/시작", meetingId: "other-meeting"));
        await _host.PostOkAsync(Say("x3", "/시작", meetingId: "unknown-to-the-connector"));
        await _host.PostOkAsync(Say("x4", "/시작", meetingId: "unknown-to-the-connector"));
        await _host.RepliesSentAsync();

        Assert.Null(await _host.Store.FindBindingAsync("msteams", Chat));
        Assert.Equal(["other-meeting", "unknown-to-the-connector"], _connector.Lookups);
        Assert.Equal(4, _connector.TextsTo(Chat).SelectMany(t => t.Split("\n\n")).Count(t => t == BotText.Unbound));
    }

    [Fact]
    public async Task AMeetingStartEvent_CarryingTheJoinUrl_BindsAndStartsTheMeeting()
    {
        var activity = JsonNode.Parse(Say("ev-1", ""))!.AsObject();
        activity["type"] = "event";
        activity["name"] = "application/vnd.microsoft.meetingStart";
        activity["value"] = new JsonObject { ["Id"] = "MCMx", ["Title"] = "분과회의", ["JoinUrl"] = TeamsMeeting.JoinUrl, ["MeetingType"] = "Scheduled" };

        await _host.PostOkAsync(activity.ToJsonString());
        await _host.RepliesSentAsync();

        Assert.Equal(TeamsMeeting.Id, (await _host.Store.FindBindingAsync("msteams", Chat))?.MeetingId);
        Assert.Equal(MeetingStatus.Running, (await _host.Store.GetRuntimeAsync(TeamsMeeting.Id))?.Status);
        Assert.Contains(_connector.TextsTo(Chat), t => t.Contains("마을 돌봄 네트워크 운영 방안", StringComparison.Ordinal));
        Assert.Empty(_connector.Lookups);
    }

    [Fact]
    public async Task Participants_AreFoundByChatUserId_NeverByADisplayNameAlone()
    {
        await BindAndStartAsync();

        await _host.PostOkAsync(Say("p1", "#의견 아이디로 찾습니다", "user-id-3", "이름이 바뀐 사람"));
        await _host.PostOkAsync(Say("p2", "#질문 이름으로 찾습니까?", "29:lynne-real-teams-id", "Lynne Robbins"));
        await _host.PostOkAsync(Say("p3", "/다음", "29:stranger", "Megan Bowen"));
        await _host.PostOkAsync(Say("p4", "/다음", "29:stranger-2", "모르는 사람"));
        await _host.RepliesSentAsync();

        // Lynne Robbins has no chatUserId and the file does not set matchByName: her question is a guest's, under the name she shows.
        var entries = await _host.Store.GetEntriesAsync(TeamsMeeting.Id);
        Assert.Equal([("Isaiah Langer", "user-id-3"), ("Lynne Robbins", "29:lynne-real-teams-id")], entries.OrderBy(e => e.Number).Select(e => (e.AuthorName, e.AuthorId)));
        Assert.Equal(1, (await _host.Store.GetRuntimeAsync(TeamsMeeting.Id))?.CurrentItem);
        // Replies that queue up behind a send leave merged ("\n\n"), so the refusals are read in the order they were sent.
        var replies = _connector.TextsTo(Chat).SelectMany(t => t.Split("\n\n")).ToList();
        var named = replies.IndexOf(BotText.Refused(Command.Next) + "\n" + BotText.NotRecognised("Megan Bowen", "29:stranger"));
        Assert.True(named >= 0, string.Join(" | ", replies));
        Assert.Equal(BotText.Refused(Command.Next), replies[named + 1]);
        Assert.DoesNotContain(replies, r => r.Contains("모르는 사람", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TimeboxWarnings_AreProactiveMessagesToTheStoredServiceUrl()
    {
        await BindAndStartAsync();
        var before = _connector.Sent.Count;

        // Item 1 has 5 minutes; the 2-minute warning is due at 3 minutes.
        _clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(10));
        await Eventually.ThatAsync(() => Task.FromResult(_connector.Sent.Count > before), "the timebox warning at the connector");

        var warning = _connector.Sent[before];
        Assert.Equal(Chat, warning.ConversationId);
        Assert.Null(warning.ReplyToId);
        Assert.Contains("2분", warning.Text, StringComparison.Ordinal);
    }

    /// <summary>Binds and starts in <paramref name="chat"/>, then lets the 2-minute warning come due; returns it and what went before it.</summary>
    private async Task<(SentActivity Warning, IReadOnlyList<SentActivity> Before)> WarningInAsync(string chat)
    {
        await _host.BindAndStartAsync(chat, _connector.ServiceUrl);
        var before = _connector.Sent.Count;

        // Item 1 has 5 minutes; the 2-minute warning is due at 3 minutes.
        _clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(10));
        await Eventually.ThatAsync(() => Task.FromResult(_connector.Sent.Count > before), "the timebox warning at the connector");
        var warning = _connector.Sent[before];
        Assert.Equal(chat, warning.ConversationId);
        Assert.Contains("2분", warning.Text, StringComparison.Ordinal);
        return (warning, [.. _connector.Sent.Take(before)]);
    }

    [Fact]
    public async Task ATimeboxWarningToAMeetingChat_AlertsInTheMeeting_WithTheSameText_WhileRepliesDoNot()
    {
        var (warning, before) = await WarningInAsync(Chat);

        Assert.True(warning.AlertInMeeting);
        Assert.StartsWith("⏰", warning.Text, StringComparison.Ordinal);
        Assert.NotEmpty(before);
        Assert.All(before, reply => Assert.False(reply.AlertInMeeting));
    }

    [Fact]
    public async Task ATimeboxWarningToAGroupChatThatIsNoMeeting_IsPlainText()
    {
        var (warning, _) = await WarningInAsync("19:3a8f0c2e@thread.v2");

        Assert.False(warning.AlertInMeeting);
    }

    [Fact]
    public async Task WithInMeetingAlertsOff_ATimeboxWarningToAMeetingChat_IsPlainText()
    {
        await _host.DisposeAsync();
        _host = new TeamsHost(_work, new Dictionary<string, string?> { ["Teams:AllowUnauthenticated"] = "true", ["Teams:InMeetingAlerts"] = "false" }, _clock);

        var (warning, _) = await WarningInAsync(Chat);

        Assert.False(warning.AlertInMeeting);
    }

    [Fact]
    public async Task AllowUnauthenticated_IsAnnouncedWithALoudWarningAtStart()
    {
        await _host.PostOkAsync(Say("w1", "hello", mention: false));

        var warning = Assert.Single(_host.Logs.GetSnapshot(), r => r.Id.Id == 4221);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Teams:AllowUnauthenticated", warning.Message, StringComparison.Ordinal);
        Assert.Contains("운영", warning.Message, StringComparison.Ordinal);
    }
}

/// <summary>The host without any Teams setting: it starts, and the Teams endpoint is simply not there.</summary>
public sealed class TeamsNotConfiguredTests : IDisposable
{
    private readonly HostWork _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task WithoutAppIdOrDevelopmentMode_TheHostStarts_AndApiMessagesIsNotServed()
    {
        await using var host = new TeamsHost(_work, new Dictionary<string, string?>());
        using var client = host.CreateClient();

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var messages = await host.PostAsync(Activities.Message("n1", "/시작", "c", "http://127.0.0.1:9/"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, messages.StatusCode);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 4220);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Id.Id == 4221);
    }
}
