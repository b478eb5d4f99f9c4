using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using MeetingBot.Reports.Review;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// 발언 후보 on the workspace through the real host (SPEC §9): per item the speaker, time, exact words and duplicate
/// mark, and the 채택 / 무시 forms, which take the same change path as the candidates API (token, ETag, history).
/// </summary>
public sealed class WorkspaceCandidatesTests : IDisposable
{
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    /// <summary>The sample meeting held, its transcript and attendance uploaded by a tool, and staff logged in on the browser.</summary>
    internal static async Task<StaffHost> WithTranscriptAsync(HostWork work, bool kestrel = false)
    {
        var host = new StaffHost(work, kestrel: kestrel, settings: WorkspacePageTests.NamedStaff);
        await host.ReplaySampleAsync();
        // On a real port the in-memory client has no server to talk to: a plain client to the port, with the key.
        using var client = kestrel ? new HttpClient { BaseAddress = host.StartKestrel() } : host.StaffClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StaffHost.ApiKey);
        using var upload = await client.PostAsync(new Uri($"/api/meetings/{StaffHost.MeetingId}/transcript", UriKind.Relative), SampleFiles());
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        return host;
    }

    internal static MultipartFormDataContent SampleFiles(MultipartFormDataContent? form = null)
    {
        form ??= [];
        foreach (var name in new[] { "strategy.transcript.vtt", "strategy.attendance.json" })
        {
            var content = new ByteArrayContent(File.ReadAllBytes(Path.Combine(RepositoryFiles.Samples, name)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "file", name);
        }

        return form;
    }

    internal static async Task<string> ReportAsync(StaffBrowser browser)
    {
        (await browser.LogInAsync(WorkspacePageTests.StaffKey)).Dispose();
        await browser.GetStringAsync("/staff");
        using var made = await browser.SendAsync("/staff/reports", Form(browser, ("meetingIds", StaffHost.MeetingId)));
        Assert.Equal(HttpStatusCode.SeeOther, made.StatusCode);
        var location = made.Headers.Location!.OriginalString;
        return location["/staff/reports/".Length..location.IndexOf('?', StringComparison.Ordinal)];
    }

    private static FormUrlEncodedContent Form(StaffBrowser browser, params (string Name, string Value)[] fields) => WorkspacePageTests.Form(browser, fields);

    private static string ETagOf(string page) => WorkspacePageTests.ETagOf(page);

    private static string CandidateHtml(string page, string cid)
    {
        var start = page.IndexOf($"id=\"cand-{cid}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"candidate {cid} is not on the page");
        return page[start..page.IndexOf("</li>", start, StringComparison.Ordinal)];
    }

    private static async Task<IReadOnlyList<NamedCandidate>> CandidatesAsync(StaffHost host) =>
        (await host.Services.GetRequiredService<SpokenRemarks>().ForMeetingsAsync([StaffHost.MeetingId], CancellationToken.None))!.Single().Candidates;

    [Fact]
    public async Task EachItemShowsItsCandidates_WithSpeakerTimeWordsAndDuplicateMark_AndNothingSpokenIsInTheReportYet()
    {
        await using var host = await WithTranscriptAsync(_work);
        using var browser = host.Browser();
        var rid = await ReportAsync(browser);
        var candidates = await CandidatesAsync(host);
        Assert.Equal(3, candidates.Count);

        var page = await browser.GetStringAsync($"/staff/reports/{rid}");
        var report = await WorkspacePageTests.StoredAsync(host, rid);
        foreach (var c in candidates)
        {
            // Under its own item: the item's section holds it, before that item's "구두 발언 추가".
            var item = page.IndexOf($"id=\"item-{StaffHost.MeetingId}-{c.Remark.Item}\"", StringComparison.Ordinal);
            var at = page.IndexOf($"id=\"cand-{c.Id}\"", StringComparison.Ordinal);
            Assert.InRange(at, item, page.IndexOf("<details class=\"remark\">", item, StringComparison.Ordinal));

            var html = CandidateHtml(page, c.Id);
            Assert.Contains($"<strong class=\"speaker\">{WebUtility.HtmlEncode(c.Remark.Speaker)}</strong>", html, StringComparison.Ordinal);
            Assert.Contains($"<blockquote class=\"spoken\">{WebUtility.HtmlEncode(c.Remark.Text)}</blockquote>", html, StringComparison.Ordinal);
            Assert.Matches(@"<span class=""time"">\d\d:\d\d:\d\d~\d\d:\d\d:\d\d</span>", html);
            Assert.All(c.Remark.Sources, s => Assert.Contains($"<code>{s}</code>", html, StringComparison.Ordinal));
            Assert.Contains($"action=\"/staff/reports/{rid}/candidates/{c.Id}/accept\"", html, StringComparison.Ordinal);
            Assert.Contains($"action=\"/staff/reports/{rid}/candidates/{c.Id}/ignore\"", html, StringComparison.Ordinal);
            Assert.Contains($"name=\"etag\" value=\"{WebUtility.HtmlEncode(report.ETag)}\"", html, StringComparison.Ordinal);
            Assert.Contains("name=\"__RequestVerificationToken\"", html, StringComparison.Ordinal);
            Assert.Equal(c.Remark.DuplicateOf is not null, html.Contains("class=\"tag duplicate\"", StringComparison.Ordinal));
            Assert.DoesNotContain(report.Bullets, b => b.Sources.Intersect(c.Remark.Sources).Any());
        }

        // The duplicate links the typed entry it repeats; the first one is the sample's own shape.
        var duplicate = candidates.Single(c => c.Remark.DuplicateOf is not null);
        var typed = report.Bullets.Single(b => b.Sources.Contains(duplicate.Remark.DuplicateOf!));
        Assert.Contains($"<a href=\"#bullet-{typed.Id}\">", CandidateHtml(page, duplicate.Id), StringComparison.Ordinal);
        Assert.Equal(["최민정", "정다은", "미확인 화자"], candidates.Select(c => c.Remark.Speaker));
        Assert.DoesNotContain("{\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptFromTheForm_AddsABulletWithTheCueSources_IgnoreMarksIt_AndAnIgnoredOneCanStillBeAccepted()
    {
        await using var host = await WithTranscriptAsync(_work);
        using var browser = host.Browser();
        var rid = await ReportAsync(browser);
        var candidates = await CandidatesAsync(host);
        var (first, third) = (candidates[0], candidates[2]);

        var page = await browser.GetStringAsync($"/staff/reports/{rid}");
        using var accepted = await browser.SendAsync($"/staff/reports/{rid}/candidates/{first.Id}/accept", Form(browser, ("etag", ETagOf(page)), ("kind", "proposal")));
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        var report = await WorkspacePageTests.StoredAsync(host, rid);
        var bullet = report.Bullets[^1];
        Assert.Equal($"/staff/reports/{rid}?done=candidate-accept#bullet-{bullet.Id}", accepted.Headers.Location!.OriginalString);
        Assert.Equal(first.Remark.Sources, bullet.Sources);
        Assert.Equal((EntryKind.Proposal, first.Id, WorkspacePageTests.StaffName), (bullet.Kind, bullet.Candidate, bullet.EnteredBy));
        Assert.Equal([first.Remark.Text], bullet.Originals);
        Assert.Empty(ReviewGuards.Problems(report));

        // The accepted remark prints as a bullet of its item with the cue ids as its sources, and says where it came from.
        page = await browser.GetStringAsync($"/staff/reports/{rid}?done=candidate-accept");
        Assert.Contains("발언 후보를 채택했습니다", page, StringComparison.Ordinal);
        var section = page[page.IndexOf($"id=\"item-{StaffHost.MeetingId}-{first.Remark.Item}\"", StringComparison.Ordinal)..];
        var printed = section[section.IndexOf($"id=\"bullet-{bullet.Id}\"", StringComparison.Ordinal)..];
        printed = printed[..printed.IndexOf("</div></li>", StringComparison.Ordinal)];
        Assert.Contains($"<span class=\"text\">{WebUtility.HtmlEncode(bullet.Text)}</span>", printed, StringComparison.Ordinal);
        Assert.Contains("<code>s-3</code> <code>s-4</code>", printed, StringComparison.Ordinal);
        Assert.Contains($"발언 후보에서 채택 · 최민정 · 채택: {WorkspacePageTests.StaffName}", printed, StringComparison.Ordinal);
        var decided = CandidateHtml(page, first.Id);
        Assert.Contains("<span class=\"badge accepted\">채택</span>", decided, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#bullet-{bullet.Id}\">보고서 항목 {bullet.Id}</a>", decided, StringComparison.Ordinal);
        Assert.DoesNotContain("/accept\"", decided, StringComparison.Ordinal);

        using var ignored = await browser.SendAsync($"/staff/reports/{rid}/candidates/{third.Id}/ignore", Form(browser, ("etag", ETagOf(page))));
        Assert.Equal(HttpStatusCode.SeeOther, ignored.StatusCode);
        Assert.Equal($"/staff/reports/{rid}?done=candidate-ignore#cand-{third.Id}", ignored.Headers.Location!.OriginalString);
        page = await browser.GetStringAsync($"/staff/reports/{rid}");
        var ignoredHtml = CandidateHtml(page, third.Id);
        Assert.Contains("<span class=\"badge ignored\">무시</span>", ignoredHtml, StringComparison.Ordinal);
        Assert.Contains("되살려 채택", ignoredHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("/ignore\"", ignoredHtml, StringComparison.Ordinal);
        Assert.DoesNotContain((await WorkspacePageTests.StoredAsync(host, rid)).Bullets, b => b.Candidate == third.Id);

        using var restored = await browser.SendAsync($"/staff/reports/{rid}/candidates/{third.Id}/accept", Form(browser, ("etag", ETagOf(page)), ("kind", "opinion")));
        Assert.Equal(HttpStatusCode.SeeOther, restored.StatusCode);
        var after = await WorkspacePageTests.StoredAsync(host, rid);
        Assert.Equal(third.Remark.Sources, after.Bullets.Single(b => b.Candidate == third.Id).Sources);

        // The history names who did what, in words, as the API's history does.
        var history = (await host.Services.GetRequiredService<IReportRecordStore>().GetReportHistoryAsync(rid)).Select(c => (c.Kind, c.Target, c.Who));
        Assert.Equal([("candidate-accept", first.Id, WorkspacePageTests.StaffName), ("candidate-ignore", third.Id, WorkspacePageTests.StaffName), ("candidate-accept", third.Id, WorkspacePageTests.StaffName)], history);
        page = await browser.GetStringAsync($"/staff/reports/{rid}");
        Assert.Contains("발언 후보 채택", page[page.IndexOf("id=\"history\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains($"발언 후보 채택 ({bullet.Id}, 최민정)", page[page.IndexOf("id=\"changes\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStaleOrTokenlessCandidateForm_ChangesNothing_AndAnUnknownCandidateIs404InKorean()
    {
        await using var host = await WithTranscriptAsync(_work);
        using var browser = host.Browser();
        var rid = await ReportAsync(browser);
        var first = (await CandidatesAsync(host))[0];
        var stale = await browser.GetStringAsync($"/staff/reports/{rid}");

        using var client = host.StaffClient();
        using var ignore = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/reports/{rid}/candidates/{first.Id}/ignore", UriKind.Relative));
        ignore.Headers.TryAddWithoutValidation("If-Match", ETagOf(stale));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ignore)).StatusCode);
        var before = await WorkspacePageTests.StoredAsync(host, rid);

        using var late = await browser.SendAsync($"/staff/reports/{rid}/candidates/{first.Id}/accept", Form(browser, ("etag", ETagOf(stale))));
        Assert.Equal(HttpStatusCode.PreconditionFailed, late.StatusCode);
        Assert.Contains("다른 직원이 먼저 고쳤습니다", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var fresh = await browser.GetStringAsync($"/staff/reports/{rid}");
        using var noToken = await browser.PostAsync($"/staff/reports/{rid}/candidates/{first.Id}/accept", new() { ["etag"] = ETagOf(fresh) }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        using var unknown = await browser.SendAsync($"/staff/reports/{rid}/candidates/c000000000000/ignore", Form(browser, ("etag", ETagOf(fresh))));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("c000000000000", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var decision = await browser.SendAsync($"/staff/reports/{rid}/candidates/{first.Id}/accept", Form(browser, ("etag", ETagOf(fresh)), ("kind", "decision")));
        Assert.Equal(HttpStatusCode.BadRequest, decision.StatusCode);
        Assert.Equal(before.Revision, (await WorkspacePageTests.StoredAsync(host, rid)).Revision);
    }
}

/// <summary>
/// 전사 올리기 on the workspace through the real host: a transcript and attendance the bot could not fetch, uploaded by
/// the form for one of the report's meetings, stored by the same implementation as the API's upload; bad files refused
/// in Korean (413, 415, 400 naming the file and line) and nothing stored.
/// </summary>
public sealed class WorkspaceTranscriptUploadTests : IDisposable
{
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    private static async Task<(StaffHost Host, StaffBrowser Browser, string Rid)> OpenAsync(HostWork work)
    {
        var host = new StaffHost(work, settings: WorkspacePageTests.NamedStaff);
        await host.ReplaySampleAsync();
        var browser = host.Browser();
        return (host, browser, await WorkspaceCandidatesTests.ReportAsync(browser));
    }

    private static MultipartFormDataContent Upload(StaffBrowser browser, string page, params (string Name, byte[] Bytes)[] files) => Upload(browser, page, true, files);

    private static MultipartFormDataContent Upload(StaffBrowser browser, string page, bool withToken, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(WorkspacePageTests.ETagOf(page)), "etag" } };
        if (withToken)
        {
            form.Add(new StringContent(browser.Token!), "__RequestVerificationToken");
        }

        foreach (var (name, bytes) in files)
        {
            form.Add(new ByteArrayContent(bytes), "file", name);
        }

        return form;
    }

    private static string Path(string rid) => $"/staff/reports/{rid}/meetings/{StaffHost.MeetingId}/transcript";

    [Fact]
    public async Task TheUploadForm_StoresTheTranscriptAndAttendance_AndTheItemsShowTheirCandidates()
    {
        var (host, browser, rid) = await OpenAsync(_work);
        await using var _ = host;
        using var __ = browser;
        var page = await browser.GetStringAsync($"/staff/reports/{rid}");
        var section = page[page.IndexOf("id=\"transcripts\"", StringComparison.Ordinal)..];
        Assert.Contains("저장된 발언 기록이 없습니다", section, StringComparison.Ordinal);
        Assert.Contains($"action=\"{Path(rid)}\"", section, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"candidates\"", page, StringComparison.Ordinal);

        using var uploaded = await browser.SendAsync(Path(rid), WorkspaceCandidatesTests.SampleFiles(Upload(browser, page)));
        Assert.Equal(HttpStatusCode.SeeOther, uploaded.StatusCode);
        Assert.Equal($"/staff/reports/{rid}?done=transcript#transcripts-{StaffHost.MeetingId}", uploaded.Headers.Location!.OriginalString);

        var stored = await host.Services.GetRequiredService<Core.Transcripts.ITranscriptStore>().GetTranscriptAsync(StaffHost.MeetingId);
        Assert.Equal(("upload", 8, 10), (stored!.Source, stored.Cues.Count, stored.Attendance.Count));
        Assert.Contains(WorkspacePageTests.StaffName, stored.Attempts[^1].Reason, StringComparison.Ordinal);

        page = await browser.GetStringAsync($"/staff/reports/{rid}?done=transcript");
        Assert.Contains("발언 기록을 올렸습니다", page, StringComparison.Ordinal);
        section = page[page.IndexOf("id=\"transcripts\"", StringComparison.Ordinal)..];
        Assert.Contains("직원이 올린 파일: 가져옴 · 발언 8건 · 참석 기록 10명", section, StringComparison.Ordinal);
        Assert.Contains("불참: 담당 주무관2, 협치지원관 · 명단에 없는 참석자: 홍길동", section, StringComparison.Ordinal);
        var spoken = (await host.Services.GetRequiredService<SpokenRemarks>().ForMeetingsAsync([StaffHost.MeetingId], CancellationToken.None))!.Single();
        Assert.Equal(3, Regex.Count(page, "<li class=\"candidate open\""));
        Assert.NotEmpty(spoken.Dropped);
        Assert.All(spoken.Dropped.SelectMany(d => d.Sources), id => Assert.Contains($"<code>{id}</code></li>", section, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadUpload_IsRefusedInKorean_413_415_Or400NamingFileAndLine_AndNothingIsStored()
    {
        var (host, browser, rid) = await OpenAsync(_work);
        await using var _ = host;
        using var __ = browser;
        var page = await browser.GetStringAsync($"/staff/reports/{rid}");

        using var docx = await browser.SendAsync(Path(rid), Upload(browser, page, ("회의록.docx", [1, 2, 3])));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, docx.StatusCode);
        Assert.Contains("'회의록.docx'은(는) 발언 기록(.vtt, .transcript.json)도 참석 기록(.attendance.json)도 아닙니다", WebUtility.HtmlDecode(await docx.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var large = await browser.SendAsync(Path(rid), Upload(browser, page, ("큰.vtt", new byte[(16 * 1024 * 1024) + 1])));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains("파일은 하나에 16MB까지 올릴 수 있습니다.", await large.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var broken = await browser.SendAsync(Path(rid), Upload(browser, page, ("회의.vtt", Encoding.UTF8.GetBytes("WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\n<v 박서연>말\n"))));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("회의.vtt:4:", WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var elsewhere = await browser.SendAsync($"/staff/reports/{rid}/meetings/ydp-2020-09-foundation/transcript", Upload(browser, page, ("a.vtt", Encoding.UTF8.GetBytes("WEBVTT\n"))));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);

        using var refused = await browser.SendAsync(Path(rid), Upload(browser, page, false, ("a.vtt", Encoding.UTF8.GetBytes("WEBVTT\n"))));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("보안 토큰이 없거나 만료되었습니다", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Null(await host.Services.GetRequiredService<Core.Transcripts.ITranscriptStore>().GetTranscriptAsync(StaffHost.MeetingId));
    }
}
