using MeetingBot.Host.Services;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// 발언 후보 in real headless Chromium against the host on a real port: a staff member accepts one spoken remark and
/// ignores another with the keyboard alone; the accepted one prints as a bullet with its cue ids. The screenshot goes to
/// <c>docs/images/workspace-candidates.png</c>.
/// </summary>
public sealed class WorkspaceCandidatesBrowserTests : IDisposable
{
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    /// <summary>Logs in as <see cref="WorkspacePageTests.StaffName"/>, makes a report of the sample meeting on the list and opens it; its id.</summary>
    internal static async Task<string> ReportOfTheSampleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/staff");
        await page.FillAsync("#key", WorkspacePageTests.StaffKey);
        await page.ClickAsync("form.login button");
        await page.WaitForURLAsync("**/staff");
        await page.Locator("table.meetings input[type=checkbox][name=meetingIds]").First.CheckAsync();
        await page.ClickAsync("button:text-is('고른 회의로 보고서 만들기')");
        await page.WaitForURLAsync("**/staff/reports/r*?done=create");
        return new Uri(page.Url).Segments[^1];
    }

    [Fact]
    public async Task AStaffMemberAcceptsOneSpokenRemarkAndIgnoresAnother_ByKeyboard_AndTheAcceptedOnePrintsWithItsCueIds()
    {
        await using var host = await WorkspaceCandidatesTests.WithTranscriptAsync(_work, kestrel: true);
        var root = host.StartKestrel();
        var candidates = (await host.Services.GetRequiredService<SpokenRemarks>().ForMeetingsAsync([StaffHost.MeetingId], CancellationToken.None))!.Single().Candidates;
        var (first, third) = (candidates[0], candidates[2]);
        Assert.NotNull(candidates[1].Remark.DuplicateOf);

        await using var chromium = await StaffChromium.OpenAsync(root, 1360);
        var page = chromium.Page;
        var rid = await ReportOfTheSampleAsync(page);

        var candidate = page.Locator($"#cand-{first.Id}");
        Assert.Equal(first.Remark.Speaker, await candidate.Locator("strong.speaker").InnerTextAsync());
        Assert.Equal(first.Remark.Text, await candidate.Locator("blockquote.spoken").InnerTextAsync());
        Assert.Equal("결정 전", await candidate.Locator(".badge").InnerTextAsync());

        // The kind, then 채택, by keyboard: the select takes focus, Tab to the button, Enter.
        await candidate.GetByLabel("종류").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Tab");
        Assert.StartsWith("채택", await page.EvaluateAsync<string>("() => document.activeElement.textContent"), StringComparison.Ordinal);
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/staff/reports/{rid}?done=candidate-accept#bullet-*");
        var bulletId = new Uri(page.Url).Fragment["#bullet-".Length..];
        var bullet = page.Locator($"#item-{StaffHost.MeetingId}-{first.Remark.Item} #bullet-{bulletId}");
        Assert.Equal(first.Remark.Sources, await bullet.Locator(".bullet-side .sources code").AllInnerTextsAsync());
        Assert.Contains("발언 후보에서 채택 · 최민정", await bullet.Locator("p.tag.spoken").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("채택", await page.Locator($"#cand-{first.Id} .badge").InnerTextAsync());

        // 무시 on another, by keyboard too.
        await page.Locator($"#cand-{third.Id} form.ignore button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/staff/reports/{rid}?done=candidate-ignore#cand-{third.Id}");
        Assert.Equal("무시", await page.Locator($"#cand-{third.Id} .badge").InnerTextAsync());
        Assert.Equal(1, await page.Locator($"#cand-{third.Id} button", new() { HasText = "되살려 채택" }).CountAsync());
        var report = await WorkspacePageTests.StoredAsync(host, rid);
        Assert.Equal(["accepted", "ignored"], report.Candidates.Select(c => c.Status));
        Assert.Equal(Core.EntryKind.Question, report.Bullet(bulletId)!.Kind);

        // The picture: an item whose typed entries and open candidate (a duplicate of one of them) sit side by side.
        var open = page.Locator($"#item-{StaffHost.MeetingId}-{candidates[1].Remark.Item}");
        await open.ScrollIntoViewIfNeededAsync();
        var image = Path.Combine(Directory.CreateDirectory(RepositoryFiles.PathOf("docs", "images")).FullName, "workspace-candidates.png");
        await open.ScreenshotAsync(new LocatorScreenshotOptions { Path = image });
        Assert.True(new FileInfo(image).Length > 0);
        Assert.DoesNotContain("{\"", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(chromium.Refused);
    }
}
