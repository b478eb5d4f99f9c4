using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingBot.Core;
using MeetingBot.Host.Api;
using MeetingBot.Reports.Review;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// The workspace's form posts through the real host (SPEC §8): each goes through the same change path as the API, with
/// the anti-forgery token and the report's ETag; a stale page gets the Korean notice and overwrites nothing.
/// </summary>
public sealed partial class WorkspacePageTests : IDisposable
{
    public const string StaffName = "김하늘";
    public const string StaffKey = "hanul-Qm2Zr8w-Lk1pXv4n-Hb3tJd9s-77";
    private const string Foundation = "ydp-2020-09-foundation";
    private const string Capacity = "ydp-2020-09-capacity";
    private const string Strategy = StaffHost.MeetingId;
    private readonly HostWork _work = HostWork.WithSharedSample();

    public WorkspacePageTests() => _work.AddRepositoryMeetings();

    public void Dispose() => _work.Dispose();

    public static Dictionary<string, string?> NamedStaff => new()
    {
        ["Staff:Users:0:Name"] = StaffName,
        ["Staff:Users:0:KeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StaffKey))),
    };

    /// <summary>The three September meetings replayed to their end, as the sample folder holds them.</summary>
    public static async Task<StaffHost> SeptemberAsync(HostWork work, bool kestrel = false)
    {
        ArgumentNullException.ThrowIfNull(work);
        var host = new StaffHost(work, kestrel: kestrel, settings: NamedStaff);
        await host.ReplayAsync("foundation.chat.yaml");
        await host.ReplayAsync("capacity.chat.yaml");
        await host.ReplaySampleAsync();
        return host;
    }

    /// <summary>September's host and a browser logged in as <see cref="StaffName"/>, with the combined report made on the list.</summary>
    private async Task<StaffSession> OpenAsync() =>
        await StaffSession.StartAsync(await SeptemberAsync(_work), async opened => opened.Rid = await CombineAsync(opened.Browser));

    /// <summary>Logs in as <see cref="StaffName"/>, ticks the three meetings on the list and makes the report; its id.</summary>
    private static async Task<string> CombineAsync(StaffBrowser browser)
    {
        (await browser.LogInAsync(StaffKey)).Dispose();
        var list = await browser.GetStringAsync("/staff");
        foreach (var id in new[] { Foundation, Capacity, Strategy })
        {
            Assert.Contains($"name=\"meetingIds\" value=\"{id}\"", list, StringComparison.Ordinal);
        }

        using var made = await browser.SendAsync("/staff/reports", Form(browser, ("meetingIds", Strategy), ("meetingIds", Foundation), ("meetingIds", Capacity), ("title", "9월 분과회의 결과 보고")));
        Assert.Equal(HttpStatusCode.SeeOther, made.StatusCode);
        var location = made.Headers.Location!.OriginalString;
        Assert.Matches("^/staff/reports/r[0-9a-f]{12}\\?done=create$", location);
        return location["/staff/reports/".Length..location.IndexOf('?', StringComparison.Ordinal)];
    }

    private static FormUrlEncodedContent Form(StaffBrowser browser, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", browser.Token!)]);

    private static string ETagOf(string page) => WebUtility.HtmlDecode(ETagField().Match(page).Groups[1].Value);

    [GeneratedRegex("name=\"etag\" value=\"([^\"]+)\"")]
    private static partial Regex ETagField();

    internal static async Task<ReviewedReport> StoredAsync(StaffHost host, string rid) =>
        ReviewJson.Read((await host.Services.GetRequiredService<IReportRecordStore>().GetReportAsync(rid))!.State);

    [Fact]
    public async Task TheListMakesTheCombinedReport_AndTheWorkspaceShowsItAsTheDocument_WithEveryBulletsForms()
    {
        await using var opened = await OpenAsync();
        var (host, browser, rid) = (opened.Host, opened.Browser, opened.Rid);

        using var response = await browser.GetAsync($"/staff/reports/{rid}?done=create");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HtmlPage.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        var report = await StoredAsync(host, rid);
        Assert.Equal([Foundation, Capacity, Strategy], report.MeetingIds);
        Assert.Contains("보고서를 만들었습니다", page, StringComparison.Ordinal);
        Assert.Contains($"로그인한 직원: <strong class=\"who\">{StaffName}</strong>", page, StringComparison.Ordinal);
        foreach (var heading in new[] { "Ⅰ</span> 개최 개요", "Ⅱ</span> 주요 회의내용", "Ⅲ</span> 회의 사진" })
        {
            Assert.Contains(heading, page, StringComparison.Ordinal);
        }

        // Every printed bullet is there once with its text form, its sources beside it, and no raw JSON anywhere.
        foreach (var bullet in report.Bullets)
        {
            Assert.Contains($"id=\"bullet-{bullet.Id}\"", page, StringComparison.Ordinal);
            Assert.Contains($"action=\"/staff/reports/{rid}/bullets/{bullet.Id}/text\"", page, StringComparison.Ordinal);
            Assert.Contains($"<code>{WebUtility.HtmlEncode(bullet.Sources[0])}</code>", page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{\"", page, StringComparison.Ordinal);
        Assert.Contains("<!-- 발언 후보: ", page, StringComparison.Ordinal);

        // Each form carries the token and the report's ETag.
        var forms = Regex.Matches(page, "<form [^>]*method=\"post\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(forms.Count > report.Bullets.Count * 2);
        Assert.All(forms.Where(f => f.Value.Contains("/staff/reports/", StringComparison.Ordinal)), f =>
        {
            Assert.Contains("name=\"__RequestVerificationToken\"", f.Value, StringComparison.Ordinal);
            Assert.Contains($"name=\"etag\" value=\"{WebUtility.HtmlEncode(report.ETag)}\"", f.Value, StringComparison.Ordinal);
        });

        // The report is listed above the meetings.
        Assert.Contains($"href=\"/staff/reports/{rid}\">9월 분과회의 결과 보고</a>", await browser.GetStringAsync("/staff"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEdit_MoveAndRemark_FromTheForms_AreTheReviewChanges_NamingTheStaffMember()
    {
        await using var opened = await OpenAsync();
        var (host, browser, rid) = (opened.Host, opened.Browser, opened.Rid);
        var page = await browser.GetStringAsync($"/staff/reports/{rid}");
        var report = await StoredAsync(host, rid);
        var bullet = report.Bullets.First(b => b.Item.MeetingId == Strategy && b.Kind != EntryKind.Decision);

        using var edited = await browser.SendAsync($"/staff/reports/{rid}/bullets/{bullet.Id}/text", Form(browser, ("etag", ETagOf(page)), ("text", "협치지원관 인건비는 구비로 편성할 필요")));
        Assert.Equal(HttpStatusCode.SeeOther, edited.StatusCode);
        Assert.Equal($"/staff/reports/{rid}?done=edit#bullet-{bullet.Id}", edited.Headers.Location!.OriginalString);

        page = await browser.GetStringAsync($"/staff/reports/{rid}?done=edit");
        var target = report.Draft.Items.First(i => i.MeetingId == Strategy && !bullet.Item.Is(i));
        using var moved = await browser.SendAsync($"/staff/reports/{rid}/bullets/{bullet.Id}/move", Form(browser, ("etag", ETagOf(page)), ("item", $"{Strategy}:{target.Index}")));
        Assert.Equal(HttpStatusCode.SeeOther, moved.StatusCode);

        page = await browser.GetStringAsync($"/staff/reports/{rid}");
        using var remark = await browser.SendAsync($"/staff/reports/{rid}/remarks", Form(browser,
            ("etag", ETagOf(page)), ("item", bullet.Item.ToString()), ("member", "조영윤"), ("kind", "proposal"), ("text", "주민 설명회를 한 번 더 열자는 제안"), ("reason", "회의 중 구두 발언")));
        Assert.Equal(HttpStatusCode.SeeOther, remark.StatusCode);

        var after = await StoredAsync(host, rid);
        var changed = after.Bullet(bullet.Id)!;
        Assert.Equal(("협치지원관 인건비는 구비로 편성할 필요", new ItemRef(Strategy, target.Index)), (changed.Text, changed.Item));
        Assert.Equal(bullet.Sources, changed.Sources);
        var added = after.Bullets[^1];
        Assert.Equal(("조영윤", StaffName, "staff:1", EntryKind.Proposal), (added.OnBehalfOf, added.EnteredBy, added.Sources.Single(), added.Kind));
        Assert.Equal($"/staff/reports/{rid}?done=remark#bullet-{added.Id}", remark.Headers.Location!.OriginalString);
        Assert.Empty(ReviewGuards.Problems(after));

        // The page shows what changed since the draft and the history in words: who, before → after.
        page = await browser.GetStringAsync($"/staff/reports/{rid}");
        var changes = page[page.IndexOf("id=\"changes\"", StringComparison.Ordinal)..];
        Assert.Contains($"<del>{WebUtility.HtmlEncode(bullet.Text)}</del> → <ins>협치지원관 인건비는 구비로 편성할 필요</ins>", changes, StringComparison.Ordinal);
        Assert.Contains($"옮김 ({bullet.Id}): 전략사업 · {bullet.Item.Index}.", changes, StringComparison.Ordinal);
        var history = page[page.IndexOf("id=\"history\"", StringComparison.Ordinal)..];
        Assert.Equal(3, Regex.Count(history, $"<td class=\"nowrap\">{StaffName}</td>"));
        Assert.Contains("문장 고침", history, StringComparison.Ordinal);
        Assert.Contains("구두 발언 추가", history, StringComparison.Ordinal);
        Assert.Contains($"{target.Index}. {WebUtility.HtmlEncode(target.Title)}, ", history, StringComparison.Ordinal);

        // The API reads the same record.
        using var client = host.StaffClient();
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/reports/{rid}", UriKind.Relative))).RootElement;
        Assert.Equal("협치지원관 인건비는 구비로 편성할 필요", json.GetProperty("bullets").EnumerateArray().Single(b => b.GetProperty("id").GetString() == bullet.Id).GetProperty("text").GetString());
    }

    [Fact]
    public async Task APageLeftOpenWhileAnotherStaffMemberChangedTheReport_GetsTheKoreanNotice_AndOverwritesNothing()
    {
        await using var opened = await OpenAsync();
        var (host, browser, rid) = (opened.Host, opened.Browser, opened.Rid);
        var stalePage = await browser.GetStringAsync($"/staff/reports/{rid}");
        var bullet = (await StoredAsync(host, rid)).Bullets[0];

        // Another staff member, through the API, edits the same bullet first.
        using var client = host.StaffClient();
        using var patch = new HttpRequestMessage(HttpMethod.Patch, new Uri($"/api/reports/{rid}/bullets/{bullet.Id}", UriKind.Relative))
        {
            Content = new StringContent("{\"text\":\"먼저 고친 문장\"}", Encoding.UTF8, "application/json"),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", ETagOf(stalePage));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(patch)).StatusCode);

        using var stale = await browser.SendAsync($"/staff/reports/{rid}/bullets/{bullet.Id}/text", Form(browser, ("etag", ETagOf(stalePage)), ("text", "늦게 고친 문장")));
        var notice = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("다른 직원이 먼저 고쳤습니다 — 새로 고침", notice, StringComparison.Ordinal);
        Assert.Contains($"<a class=\"button\" href=\"/staff/reports/{rid}\">새로 고침</a>", notice, StringComparison.Ordinal);
        Assert.Contains("늦게 고친 문장", notice, StringComparison.Ordinal);
        Assert.Equal("먼저 고친 문장", (await StoredAsync(host, rid)).Bullet(bullet.Id)!.Text);
    }

    [Fact]
    public async Task AFormPostWithoutTheAntiForgeryToken_OrFromAnotherSite_IsRefused_AndChangesNothing()
    {
        await using var opened = await OpenAsync();
        var (host, browser, rid) = (opened.Host, opened.Browser, opened.Rid);
        var before = await StoredAsync(host, rid);
        var page = await browser.GetStringAsync($"/staff/reports/{rid}");
        var bullet = before.Bullets[0];
        var fields = new Dictionary<string, string> { ["etag"] = ETagOf(page), ["text"] = "위조된 문장" };

        using var noToken = await browser.PostAsync($"/staff/reports/{rid}/bullets/{bullet.Id}/text", new(fields), withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("보안 토큰이 없거나 만료되었습니다", await noToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        page = await browser.GetStringAsync($"/staff/reports/{rid}");
        using var foreign = await browser.PostAsync($"/staff/reports/{rid}/approve", new(fields), origin: "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);

        using var noSession = host.Browser();
        using var anonymous = await noSession.PostAsync($"/staff/reports/{rid}/approve", new(fields));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var noETag = await browser.PostAsync($"/staff/reports/{rid}/approve");
        Assert.Equal(HttpStatusCode.PreconditionRequired, noETag.StatusCode);

        var after = await StoredAsync(host, rid);
        Assert.Equal((before.Revision, bullet.Text, 0), (after.Revision, after.Bullet(bullet.Id)!.Text, after.ApprovedVersion));
    }

    [Fact]
    public async Task ARefusedChange_SaysWhyInKorean_OnAPageBackToTheReport()
    {
        await using var opened = await OpenAsync();
        var (host, browser, rid) = (opened.Host, opened.Browser, opened.Rid);
        var page = await browser.GetStringAsync($"/staff/reports/{rid}");
        var item = (await StoredAsync(host, rid)).Bullets.First(b => b.Item.MeetingId == Strategy).Item;

        using var refused = await browser.SendAsync($"/staff/reports/{rid}/remarks", Form(browser,
            ("etag", ETagOf(page)), ("item", item.ToString()), ("member", "홍길동"), ("kind", "opinion"), ("text", "참석하지 않은 사람의 발언")));
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("'홍길동'은(는) 전략사업분과 회의의 참석자가 아닙니다", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/reports/{rid}\">← 보고서로 돌아가기</a>", html, StringComparison.Ordinal);

        using var missing = await browser.GetAsync("/staff/reports/r000000000000");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("보고서 'r000000000000'가 없습니다.", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APhotoFromTheUploadForm_PrintsInⅢ_AndAnotherFileIs415InKorean()
    {
        await using var opened = await OpenAsync();
        var (host, browser, rid) = (opened.Host, opened.Browser, opened.Rid);
        var page = await browser.GetStringAsync($"/staff/reports/{rid}");

        using var text = await browser.SendAsync($"/staff/reports/{rid}/photos", Upload(browser, ETagOf(page), Encoding.UTF8.GetBytes("사진이 아님"), "memo.txt"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Contains("사진은 JPEG나 PNG 파일이어야 합니다.", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        page = await browser.GetStringAsync($"/staff/reports/{rid}");
        var png = await File.ReadAllBytesAsync(Path.Combine(RepositoryFiles.Samples, "photos", "ydp-2020-09-capacity.png"));
        using var uploaded = await browser.SendAsync($"/staff/reports/{rid}/photos", Upload(browser, ETagOf(page), png, "capacity.png"));
        Assert.Equal(HttpStatusCode.SeeOther, uploaded.StatusCode);
        var photo = (await StoredAsync(host, rid)).Photos.Single();
        Assert.Equal((Capacity, "역량강화분과회의", "image/png"), (photo.MeetingId, photo.Caption, photo.ContentType));
        page = await browser.GetStringAsync($"/staff/reports/{rid}");
        Assert.Contains($"<img src=\"/api/reports/{rid}/photos/{photo.Id}\" alt=\"역량강화분과회의\">", page, StringComparison.Ordinal);
        using var image = await browser.GetAsync($"/api/reports/{rid}/photos/{photo.Id}");
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
    }

    private static MultipartFormDataContent Upload(StaffBrowser browser, string etag, byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(browser.Token!), "__RequestVerificationToken" },
            { new StringContent(etag), "etag" },
            { new StringContent(Capacity), "meetingId" },
            { new StringContent(""), "caption" },
        };
        form.Add(new ByteArrayContent(bytes), "file", name);
        return form;
    }
}
