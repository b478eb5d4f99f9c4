using System.Net;
using MeetingBot.Core;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>The staff page over HTTP: the key form and its cookie, the list, one meeting's page, and hostile text.</summary>
public sealed class StaffPageTests : IDisposable
{
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Theory]
    [InlineData("/staff")]
    [InlineData("/staff/meetings/ydp-2020-09-strategy")]
    public async Task WithoutTheKey_ThePageIsTheKoreanLoginForm_With401(string path)
    {
        await using var host = new StaffHost(_work);
        using var client = host.StaffClient(key: null);

        using var response = await client.GetAsync(U(path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ko\">", html);
        Assert.Contains("직원 키", html);
        Assert.Contains($"name=\"return\" value=\"{path}\"", html);
        Assert.DoesNotContain("전략사업", html);
    }

    [Fact]
    public async Task TheRightKey_SetsAStrictHttpOnlyCookie_AndReturnsToThePageAsked()
    {
        await using var host = new StaffHost(_work);
        using var browser = host.Browser();

        using var login = await browser.LogInAsync(returnTo: "/staff/meetings/ydp-2020-09-strategy");

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/staff/meetings/ydp-2020-09-strategy", login.Headers.Location!.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("meetingbot-staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);

        // The browser keeps the cookie.
        using var page = await browser.GetAsync("/staff/meetings/ydp-2020-09-strategy");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var file = await browser.GetAsync("/api/meetings/ydp-2020-09-strategy/report?format=docx");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);

        using var logout = await browser.PostAsync("/staff/logout");
        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        using var after = await browser.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task AWrongKey_GetsTheFormAgainWithAReason_AndNoCookie()
    {
        await using var host = new StaffHost(_work);
        using var browser = host.Browser();

        using var login = await browser.LogInAsync("guess");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.DoesNotContain(login.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("meetingbot-staff=", StringComparison.Ordinal));
        Assert.Contains("직원 키가 올바르지 않습니다", await login.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://evil.example/staff")]
    [InlineData("//evil.example/staff")]
    [InlineData("/staff\\..\\evil")]
    [InlineData("/api/meetings")]
    [InlineData("/staff\r\nSet-Cookie: meetingbot-staff=planted")]
    [InlineData("/staff/\u0007meetings")]
    [InlineData("/staff/meetings/회의")]
    [InlineData("/staffing")]
    [InlineData("/staff/../api/meetings")]
    [InlineData("/staff/%2e%2e/api/meetings")]
    public async Task AfterLogin_OnlyStaffPagesAreReturnedTo(string returnTo)
    {
        await using var host = new StaffHost(_work);
        using var browser = host.Browser();

        using var login = await browser.LogInAsync(returnTo: returnTo);

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/staff", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task WithNoKeyConfigured_StaffAccessIsClosed_EvenForAnEmptyKey()
    {
        await using var host = new StaffHost(_work, settings: new Dictionary<string, string?> { ["Staff:ApiKey"] = "" });
        using var client = host.StaffClient(key: null);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "" });
        using var login = await client.PostAsync(U("/staff/login"), form);
        using var page = await client.GetAsync(U("/staff"));

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("설정되지 않아", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ThePages_AllowNoInlineStyleOrScript_AndTheirStylesheetIsServed()
    {
        await using var host = new StaffHost(_work);
        using var client = host.StaffClient();

        using var page = await client.GetAsync(U("/staff/meetings/ydp-2020-09-strategy"));
        var html = await page.Content.ReadAsStringAsync();
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var href = System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"stylesheet\" href=\"([^\"]+)\">").Groups[1].Value;
        using var css = await client.GetAsync(U(href));

        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Equal("same-origin", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("/staff/style.css?v=", href, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("article.report p.para.lvl-2 { margin-left: 4em; }", await css.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheList_ShowsStateInKorean_EntryCounts_AndDelivery()
    {
        await using var host = new StaffHost(_work);
        using var client = host.StaffClient();
        var before = await client.GetStringAsync(U("/staff"));

        await host.ReplaySampleAsync();
        await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Notified);
        var after = await client.GetStringAsync(U("/staff"));

        Assert.Contains("예정", before);
        Assert.Contains("0건", before);
        Assert.Contains("href=\"/staff/meetings/ydp-2020-09-strategy\"", after);
        Assert.Contains("2020. 9. 15.(화) 14:00", after);
        Assert.Contains(">종료<", after);
        Assert.Contains("14건", after);
        Assert.Contains("전달 완료", after);
    }

    [Fact]
    public async Task AMeetingInProgress_IsShownAsRunningThenPaused()
    {
        await using var host = new StaffHost(_work);
        using var client = host.StaffClient();

        await host.ReplaySampleAsync(until: m => m.Text == "/다음");
        Assert.Contains(">진행 중<", await client.GetStringAsync(U("/staff")));

        await host.Services.GetRequiredService<MeetingBot.Host.Services.ChatInputProcessor>().ProcessAsync(host.Say("/일시정지", "pause"), CancellationToken.None);
        Assert.Contains(">일시정지<", await client.GetStringAsync(U("/staff")));
    }

    [Fact]
    public async Task AMeetingPage_RendersTheReportBlocks_EntriesWithSources_AndDownloads()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync();
        await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Notified);
        using var client = host.StaffClient();

        using var response = await client.GetAsync(U("/staff/meetings/ydp-2020-09-strategy"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("<h1 class=\"report-title\">영등포구협치회의 분과회의(9월) 개최 결과 보고</h1>", html);
        Assert.Contains("<span class=\"numeral\">Ⅱ</span> 주요 회의내용", html);
        Assert.Equal(13, Count(html, "<span class=\"sym\">▸</span>"));
        Assert.Contains("<th colspan=\"2\">분  과</th>", html);
        Assert.Contains("회의결과: 이견 없음", html);
        Assert.Equal(14, Count(html, "<td class=\"num\">#"));
        Assert.Contains("<code>6</code> (#1)", html);
        Assert.Contains("규칙 기반 개조식 변환", html);
        foreach (var format in new[] { "docx", "hwpx", "md", "json" })
        {
            Assert.Contains($"href=\"/api/meetings/ydp-2020-09-strategy/report?format={format}\"", html);
        }

        Assert.Contains("전달 완료", html);
        Assert.DoesNotContain("다시 보내기", html);
    }

    [Fact]
    public async Task WithdrawnAndEditedEntries_AreMarked()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync(until: m => m.Text == "/종료");
        var processor = host.Services.GetRequiredService<MeetingBot.Host.Services.ChatInputProcessor>();
        await processor.ProcessAsync(host.Say("#의견 처음 쓴 의견입니다", "x1", from: "이준호"), CancellationToken.None);
        await processor.ProcessAsync(host.Say("#의견 고친 의견입니다", "x1-edit", from: "이준호") with { Kind = ChatInputKind.Edit, TargetMessageId = "x1" }, CancellationToken.None);
        await processor.ProcessAsync(host.Say("#의견 지울 의견", "x2", from: "이준호"), CancellationToken.None);
        await processor.ProcessAsync(host.Say("", "x2-delete", from: "이준호") with { Kind = ChatInputKind.Delete, TargetMessageId = "x2" }, CancellationToken.None);
        using var client = host.StaffClient();

        var html = await client.GetStringAsync(U("/staff/meetings/ydp-2020-09-strategy"));

        Assert.Contains("고친 의견입니다", html);
        Assert.Contains("수정됨 14:47", html);
        Assert.Contains("<tr class=\"withdrawn\">", html);
        Assert.Contains("철회됨", html);
    }

    [Fact]
    public async Task AnUnknownMeeting_IsAKorean404Page()
    {
        await using var host = new StaffHost(_work);
        using var client = host.StaffClient();

        using var response = await client.GetAsync(U("/staff/meetings/%3Cscript%3Ex"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("회의를 찾을 수 없습니다", html);
        Assert.Contains("&lt;script&gt;x", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public async Task MarkupInAChatMessage_ShowsAsWrittenAndNeverRuns()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync(until: m => m.Text == "/종료");
        var processor = host.Services.GetRequiredService<MeetingBot.Host.Services.ChatInputProcessor>();
        await processor.ProcessAsync(host.Say("#의견 <img src=x onerror=alert(1)> \"따옴표\" & 'A' </td></table>", "markup", from: "박서연"), CancellationToken.None);
        using var client = host.StaffClient();

        var html = await client.GetStringAsync(U("/staff/meetings/ydp-2020-09-strategy"));

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("</td></table> ", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; &quot;따옴표&quot; &amp; &#x27;A&#x27; &lt;/td&gt;&lt;/table&gt;", html, StringComparison.Ordinal);
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
