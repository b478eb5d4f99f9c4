using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MeetingBot.Core;

namespace MeetingBot.Host.Tests.Teams;

/// <summary>
/// The bot in a Teams meeting chat, end to end against the real Microsoft 365 Agents Playground: the Playground sends
/// the staff member's messages to the running host, the host's replies go to the Playground's connector and must be
/// accepted there. Other members speak through activities posted to the host with the Playground's service URL, as
/// the Playground forwards everything as its one current user.
/// </summary>
[Collection(AgentsPlayground.Collection)]
public sealed class PlaygroundEndToEndTests : IDisposable
{
    private const string Chat = "19:meeting_e2e-pilot@thread.v2";
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);
    private readonly HostWork _work = new();

    public void Dispose() => _work.Dispose();

    [PlaygroundFact]
    public async Task AMeetingRunsInThePlayground_BoundStartedAdvancedEnded_AndItsReportHasEveryOpinion()
    {
        var seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
        var now = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), seoul);
        _work.AddMeeting(TeamsMeeting.Id, TeamsMeeting.Yaml(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset)));
        await using var host = new TeamsHost(_work, new Dictionary<string, string?> { ["Teams:AllowUnauthenticated"] = "true" }, kestrel: true);
        var bot = host.StartKestrel();
        await using var playground = await AgentsPlayground.StartAsync(new Uri(bot, "/api/messages").AbsoluteUri, Chat, _work.Root);

        // The staff member (the Playground's own user) binds the chat and starts the meeting.
        await playground.SayAsync(Chat, $"/연결 {TeamsMeeting.Id}");
        await BotSaidAsync(playground, $"({TeamsMeeting.Id})에 연결했습니다");
        await playground.SayAsync(Chat, "/시작");
        await BotSaidAsync(playground, "1. 참석자 소개 및 인사");

        // The chair moves on; members speak (the last one has no chatUserId in the file: a guest, whose question counts like anyone's).
        await PostAsync(host, playground, "e2e-next", "/다음", "user-id-1", "Megan Bowen");
        await BotSaidAsync(playground, "2. 마을 돌봄 네트워크 운영 방안");
        await PostAsync(host, playground, "e2e-op-1", "#의견 돌봄 네트워크에 주민 참여를 늘렸으면 합니다", "user-id-2", "Adele Vance", mention: false);
        await PostAsync(host, playground, "e2e-op-2", "#제안 동별 돌봄 거점을 두면 좋겠습니다", "user-id-3", "Isaiah Langer");
        await PostAsync(host, playground, "e2e-op-3", "#질문 예산은 어느 부서에서 편성하나요?", "29:lynne-in-teams", "Lynne Robbins", mention: false);
        await PostAsync(host, playground, "e2e-op-1", "#의견 돌봄 네트워크에 주민 참여를 늘렸으면 합니다", "user-id-2", "Adele Vance", mention: false);
        await PostAsync(host, playground, "e2e-dec", "#결정 동별 거점 시범 운영을 검토하기로 함", "user-id-1", "Megan Bowen");
        await BotSaidAsync(playground, "4번 결정 접수");
        await playground.SayAsync(Chat, "#의견 담당 부서 협의 결과를 다음 회의에 공유하겠습니다");
        await BotSaidAsync(playground, "5번 의견 접수");

        await playground.SayAsync(Chat, "/종료");
        await BotSaidAsync(playground, "접수된 의견·제안·질문·결정 5건");

        var accepted = playground.AcceptedBotMessages(Chat).SelectMany(t => t.Split("\n\n")).ToList();
        foreach (var number in Enumerable.Range(1, 5))
        {
            Assert.Single(accepted, t => t.StartsWith($"✅ {number}번 ", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(accepted, t => t.StartsWith("✅ 6번", StringComparison.Ordinal));

        using var staff = new HttpClient { BaseAddress = bot };
        staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TeamsHost.StaffKey);
        using var response = await staff.GetAsync(new Uri($"/api/meetings/{TeamsMeeting.Id}/report?format=json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = report.RootElement.GetProperty("items").EnumerateArray().ToList();
        var opinionSources = items.SelectMany(i => i.GetProperty("opinions").EnumerateArray()).SelectMany(o => o.GetProperty("sources").EnumerateArray()).Select(s => s.GetString()).ToList();
        var decisionSources = items.SelectMany(i => i.GetProperty("decisions").EnumerateArray()).SelectMany(o => o.GetProperty("sources").EnumerateArray()).Select(s => s.GetString()).ToList();
        Assert.Equal(["e2e-op-1", "e2e-op-2", "e2e-op-3"], opinionSources.Where(s => s!.StartsWith("e2e-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(4, opinionSources.Count);
        Assert.Equal(["e2e-dec"], decisionSources);
        Assert.Equal(MeetingStatus.Ended, (await host.Store.GetRuntimeAsync(TeamsMeeting.Id))?.Status);
    }

    /// <summary>A member's message, posted to the host as the Bot Service would, with the Playground as its connector.</summary>
    private static async Task PostAsync(TeamsHost host, AgentsPlayground playground, string id, string text, string fromId, string fromName, bool mention = true)
    {
        using var response = await host.PostAsync(Activities.Message(id, text, Chat, playground.ServiceUrl, fromId, fromName, mention));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task BotSaidAsync(AgentsPlayground playground, string fragment)
    {
        var waited = Stopwatch.StartNew();
        while (!playground.AcceptedBotMessages(Chat).Any(t => t.Contains(fragment, StringComparison.Ordinal)))
        {
            if (waited.Elapsed > ReplyTimeout)
            {
                Assert.Fail($"the Playground accepted no bot message containing '{fragment}' within {ReplyTimeout.TotalSeconds:0} s. " +
                            $"Accepted: {string.Join(" | ", playground.AcceptedBotMessages(Chat))}\nPlayground output: {playground.Output}");
            }

            await Task.Delay(100);
        }
    }
}
