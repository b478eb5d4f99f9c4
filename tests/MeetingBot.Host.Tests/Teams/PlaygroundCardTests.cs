using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Host.Tests.Staff;
using MeetingBot.TestSupport;
using Microsoft.Playwright;

namespace MeetingBot.Host.Tests.Teams;

/// <summary>
/// The agenda card in the real Microsoft 365 Agents Playground (SPEC §10): its connector accepts the card and its
/// updates, and its invoke path (<c>/_conversation/v1/invoke</c>, what its web page sends on a click) carries the
/// chair's and a member's clicks and the opinion form to the bot, as those users, and hands back the bot's answer.
/// </summary>
[Collection(AgentsPlayground.Collection)]
public sealed class PlaygroundCardTests : IDisposable
{
    private const string Chat = "19:meeting_cards-pilot@thread.v2";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly HostWork _work = new();

    public void Dispose() => _work.Dispose();

    private static string StatusLine(JsonElement card) => AgendaCardJson.StatusLine(card);

    private static string Notice(JsonElement card) => AgendaCardJson.Notice(card);

    [PlaygroundFact]
    public async Task TheChairClicksNext_AMemberIsRefused_AndTheOpinionFormsEntryIsInTheReport()
    {
        var seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
        var now = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), seoul);
        _work.AddMeeting(TeamsMeeting.Id, TeamsMeeting.Yaml(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset)));
        await using var host = new TeamsHost(_work, new Dictionary<string, string?> { ["Teams:AllowUnauthenticated"] = "true" }, kestrel: true);
        var bot = host.StartKestrel();
        await using var playground = await AgentsPlayground.StartAsync(new Uri(bot, "/api/messages").AbsoluteUri, Chat, _work.Root);

        await playground.SayAsync(Chat, $"/연결 {TeamsMeeting.Id}");
        await Until(() => playground.AcceptedBotMessages(Chat).Any(t => t.Contains("연결했습니다", StringComparison.Ordinal)), playground);
        await playground.SayAsync(Chat, "/시작");
        var posted = await CardAsync(playground, cards => cards.Count >= 1);
        Assert.Contains("1. 참석자 소개 및 인사", StatusLine(posted.Card), StringComparison.Ordinal);

        // The chair (Megan Bowen in the meeting file) clicks 다음 on the card.
        var next = await playground.ClickAsync(Chat, posted.Id, "user-id-1", "next");
        Assert.Equal("application/vnd.microsoft.card.adaptive", next.GetProperty("type").GetString());
        Assert.Contains("2. 마을 돌봄 네트워크 운영 방안", StatusLine(next.GetProperty("value")), StringComparison.Ordinal);
        var updated = await CardAsync(playground, cards => cards.Any(c => StatusLine(c.Card).Contains("2. 마을 돌봄", StringComparison.Ordinal)));
        Assert.Equal(posted.Id, updated.Id);

        await ScreenshotsAsync(playground);

        // A member clicks 종료: refused in the answer to that member only; the meeting goes on.
        var sentBefore = playground.AcceptedBotMessages(Chat).Count;
        var refused = await playground.ClickAsync(Chat, posted.Id, "user-id-2", "end");
        Assert.Contains("분과장", Notice(refused.GetProperty("value")), StringComparison.Ordinal);
        Assert.Equal(MeetingStatus.Running, (await host.Store.GetRuntimeAsync(TeamsMeeting.Id))!.Status);
        Assert.Equal(sentBefore, playground.AcceptedBotMessages(Chat).Count);

        // A member submits the opinion form.
        var form = await playground.ClickAsync(Chat, posted.Id, "user-id-3", "opinion", new Dictionary<string, string> { ["item"] = "2", ["kind"] = "proposal", ["text"] = "동별 돌봄 거점을 두면 좋겠습니다" });
        Assert.StartsWith("✅ 1번 제안 접수", Notice(form.GetProperty("value")), StringComparison.Ordinal);

        await playground.SayAsync(Chat, "/종료");
        await Until(() => host.Store.GetRuntimeAsync(TeamsMeeting.Id).Result?.Status == MeetingStatus.Ended, playground);

        var entry = Assert.Single(await host.Store.GetEntriesAsync(TeamsMeeting.Id));
        using var staff = new HttpClient { BaseAddress = bot };
        staff.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TeamsHost.StaffKey);
        using var response = await staff.GetAsync(new Uri($"/api/meetings/{TeamsMeeting.Id}/report?format=json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var opinion = Assert.Single(report.RootElement.GetProperty("items")[1].GetProperty("opinions").EnumerateArray());
        Assert.Equal([entry.SourceId], opinion.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("거점", opinion.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The card and the opinion form as the Playground's web page shows them (Debian's Chromium), into <c>docs/images/</c>.</summary>
    private static async Task ScreenshotsAsync(AgentsPlayground playground)
    {
        await using var chromium = await StaffChromium.OpenAsync(new Uri($"http://localhost:{playground.Port}/"), 1280);
        var page = chromium.Page;
        page.SetDefaultTimeout(30_000);
        // The card as the update left it: the Adaptive Card renderer's root element, holding the second item's status.
        // The message list renders what is in view: wait for the card to be there, then bring it into view. The page
        // may have drawn the conversation before the update reached it (a busy machine): then it is opened once more.
        var card = page.Locator(".ac-adaptiveCard", new() { HasText = "진행 중: 2. 마을 돌봄 네트워크 운영 방안" }).Last;
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/");
            await page.GetByText("분과회의").First.ClickAsync();
            try
            {
                await card.WaitForAsync(new() { State = WaitForSelectorState.Attached });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }

        await card.ScrollIntoViewIfNeededAsync();
        await card.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Image("teams-agenda-card.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "의견 남기기" }).Last.ClickAsync();
        var text = page.GetByPlaceholder("남기실 의견·질문·제안을 적어 주세요").Last;
        await text.FillAsync("동별 돌봄 거점을 두면 좋겠습니다");
        await text.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Image("teams-opinion-form.png") });
    }

    private static string Image(string name) => Path.Combine(Directory.CreateDirectory(RepositoryFiles.PathOf("docs", "images")).FullName, name);

    private static async Task<(string Action, string Id, JsonElement Card)> CardAsync(AgentsPlayground playground, Func<IReadOnlyList<(string Action, string Id, JsonElement Card)>, bool> until)
    {
        await Until(() => until(playground.AcceptedCards(Chat)), playground);
        return playground.AcceptedCards(Chat)[^1];
    }

    private static async Task Until(Func<bool> condition, AgentsPlayground playground)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > Timeout)
            {
                Assert.Fail($"not within {Timeout.TotalSeconds:0} s. Playground log:\n{playground.Log}\nOutput: {playground.Output}");
            }

            await Task.Delay(100);
        }
    }
}
