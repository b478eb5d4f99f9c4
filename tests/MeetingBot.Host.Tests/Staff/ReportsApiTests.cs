using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>Reports under review through the real host (SPEC §8): every change kind, ETags, uploads, frozen versions, history.</summary>
public sealed class ReportsApiTests : IDisposable
{
    private const string Foundation = "ydp-2020-09-foundation";
    private const string Strategy = StaffHost.MeetingId;
    private static readonly string[] NoSuchMeeting = ["no-such"];
    private readonly HostWork _work = HostWork.WithSharedSample();

    public ReportsApiTests() => _work.AddRepositoryMeetings();

    public void Dispose() => _work.Dispose();

    private static async Task<StaffHost> EndedMeetingsAsync(HostWork work)
    {
        var host = new StaffHost(work);
        await host.ReplayAsync("foundation.chat.yaml");
        await host.ReplaySampleAsync();
        return host;
    }

    private static async Task<(JsonElement Body, string ETag, HttpResponseMessage Response)> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, string? etag = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content ?? (body is null ? null : JsonContent.Create(body)) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (json, response.Headers.ETag?.ToString() ?? "", response);
    }

    private static async Task<(string Id, JsonElement Body, string ETag)> CreateAsync(HttpClient client, params string[] meetings)
    {
        var (body, etag, response) = await SendAsync(client, HttpMethod.Post, "/api/reports", new { meetingIds = meetings, title = "9월 분과회의 결과 보고" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/reports/{id}", response.Headers.Location!.OriginalString);
        return (id, body, etag);
    }

    private static JsonElement Bullet(JsonElement report, string id) => report.GetProperty("bullets").EnumerateArray().Single(b => b.GetProperty("id").GetString() == id);

    private static IEnumerable<JsonElement> Opinions(JsonElement report, string item) =>
        report.GetProperty("items").EnumerateArray()
            .Where(i => $"{i.GetProperty("meetingId").GetString()}:{i.GetProperty("index").GetInt32()}" == item)
            .SelectMany(i => i.GetProperty("opinions").EnumerateArray());

    // The form owns and disposes the parts added to it; the caller disposes the form.
#pragma warning disable CA2000
    private static MultipartFormDataContent Photo(byte[] bytes, string meetingId, string? caption = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "photo.bin");
        form.Add(new StringContent(meetingId), "meetingId");
        if (caption is not null)
        {
            form.Add(new StringContent(caption), "caption");
        }

        return form;
    }
#pragma warning restore CA2000

    [Fact]
    public async Task Staff_CombineTwoMeetings_MakeEveryKindOfChange_Approve_AndVersion1StaysFrozen()
    {
        await using var host = await EndedMeetingsAsync(_work);
        using var client = host.StaffClient();
        var (rid, created, etag) = await CreateAsync(client, Foundation, Strategy);
        Assert.Equal(("draft", 1), (created.GetProperty("status").GetString(), created.GetProperty("version").GetInt32()));
        Assert.Equal(2, created.GetProperty("meetings").GetArrayLength());
        var opinions = created.GetProperty("bullets").EnumerateArray().Where(b => b.GetProperty("kind").GetString() != "decision" && b.GetProperty("item").GetString()!.StartsWith(Strategy, StringComparison.Ordinal)).ToList();
        var first = opinions[0].GetProperty("id").GetString()!;
        var second = opinions[1].GetProperty("id").GetString()!;
        var item = opinions[0].GetProperty("item").GetString()!;
        var otherItem = created.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("meetingId").GetString() == Strategy).Select(i => $"{Strategy}:{i.GetProperty("index").GetInt32()}").First(i => i != item);

        // Edit: the new text prints, the draft's stays beside it.
        var (edited, etag1, r1) = await SendAsync(client, HttpMethod.Patch, $"/api/reports/{rid}/bullets/{first}", new { text = "예산 확대가 필요함." }, etag);
        Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
        Assert.NotEqual(etag, etag1);
        Assert.Equal("예산 확대가 필요함.", Bullet(edited, first).GetProperty("text").GetString());
        Assert.Equal(opinions[0].GetProperty("text").GetString(), Bullet(edited, first).GetProperty("draftText").GetString());
        Assert.Contains(Opinions(edited, item), o => o.GetProperty("id").GetString() == first && o.GetProperty("text").GetString() == "예산 확대가 필요함.");

        // The old ETag is stale now; no If-Match at all is 428.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(client, HttpMethod.Patch, $"/api/reports/{rid}/bullets/{first}", new { text = "덮어쓰기." }, etag)).Response.StatusCode);
        Assert.Equal((HttpStatusCode)428, (await SendAsync(client, HttpMethod.Patch, $"/api/reports/{rid}/bullets/{first}", new { text = "덮어쓰기." })).Response.StatusCode);

        // Move to another item, exclude, merge, a remark on a member's behalf.
        var (moved, etag2, _) = await SendAsync(client, HttpMethod.Patch, $"/api/reports/{rid}/bullets/{first}", new { item = otherItem, position = 0 }, etag1);
        Assert.Equal(first, Opinions(moved, otherItem).First().GetProperty("id").GetString());
        var (excluded, etag3, _) = await SendAsync(client, HttpMethod.Patch, $"/api/reports/{rid}/bullets/{second}", new { excluded = true }, etag2);
        Assert.DoesNotContain(Opinions(excluded, item), o => o.GetProperty("id").GetString() == second);
        Assert.True(Bullet(excluded, second).GetProperty("excluded").GetBoolean());
        var third = opinions[2].GetProperty("id").GetString()!;
        var fourth = opinions[3].GetProperty("id").GetString()!;
        var (merged, etag4, rm) = await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/bullets/{third}/merge", new { ids = new[] { fourth } }, etag3);
        Assert.Equal(HttpStatusCode.OK, rm.StatusCode);
        Assert.Equal(2, Bullet(merged, third).GetProperty("sources").GetArrayLength());
        var (remarked, etag5, rr) = await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/bullets",
            new { item, kind = "제안", text = "현장 방문을 추진할 필요가 있음.", onBehalfOf = "박서연", reason = "회의 중 구두 발언" }, etag4);
        Assert.Equal(HttpStatusCode.OK, rr.StatusCode);
        var remark = remarked.GetProperty("bullets").EnumerateArray().Last();
        Assert.Equal(("staff:1", "박서연", "직원"), (remark.GetProperty("sources")[0].GetString(), remark.GetProperty("onBehalfOf").GetString(), remark.GetProperty("enteredBy").GetString()));

        // A photo, its caption; approve.
        using var photo = Photo(TestPictures.Png(80, 50, (20, 140, 90)), Strategy);
        var (photographed, etag6, rp) = await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/photos", etag: etag5, content: photo);
        Assert.Equal(HttpStatusCode.OK, rp.StatusCode);
        Assert.Equal("전략사업분과회의", photographed.GetProperty("photos")[0].GetProperty("caption").GetString());
        var (_, etag7, _) = await SendAsync(client, HttpMethod.Patch, $"/api/reports/{rid}/photos/p1", new { caption = "전략사업분과 회의 모습" }, etag6);
        var (approved, etag8, ra) = await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/approve", etag: etag7);
        Assert.Equal(HttpStatusCode.OK, ra.StatusCode);
        Assert.Equal(("approved", 1), (approved.GetProperty("status").GetString(), approved.GetProperty("version").GetInt32()));

        var v1 = await client.GetByteArrayAsync(new Uri($"/api/reports/{rid}/files/docx?version=1", UriKind.Relative));
        var v1md = await client.GetStringAsync(new Uri($"/api/reports/{rid}/files/md?version=1", UriKind.Relative));
        Assert.Contains("예산 확대가 필요함.", v1md, StringComparison.Ordinal);
        Assert.Contains("전략사업분과 회의 모습", v1md, StringComparison.Ordinal);
        Assert.True(v1.Length > 0);

        // A later change makes version 2 the draft; version 1's files do not change.
        var (later, _, _) = await SendAsync(client, HttpMethod.Patch, $"/api/reports/{rid}/bullets/{first}", new { text = "예산 확대를 검토할 필요가 있음." }, etag8);
        Assert.Equal(("draft", 2), (later.GetProperty("status").GetString(), later.GetProperty("version").GetInt32()));
        Assert.Equal(v1, await client.GetByteArrayAsync(new Uri($"/api/reports/{rid}/files/docx?version=1", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/reports/{rid}/files/docx?version=2", UriKind.Relative))).StatusCode);

        var history = (await SendAsync(client, HttpMethod.Get, $"/api/reports/{rid}/history")).Body.EnumerateArray().ToList();
        Assert.Equal(["edit", "move", "exclude", "merge", "remark", "photo-add", "photo-caption", "approve", "edit"], history.Select(h => h.GetProperty("kind").GetString()));
        Assert.All(history, h => Assert.Equal("직원", h.GetProperty("who").GetString()));
        Assert.Equal("예산 확대가 필요함.", history[^1].GetProperty("before").GetString());
    }

    [Fact]
    public async Task AChangeThatBreaksTheRules_Is409InKorean_AndAnUnknownBulletIs404()
    {
        await using var host = await EndedMeetingsAsync(_work);
        using var client = host.StaffClient();
        var (rid, created, etag) = await CreateAsync(client, Strategy);
        var opinion = created.GetProperty("bullets").EnumerateArray().First(b => b.GetProperty("kind").GetString() != "decision").GetProperty("id").GetString()!;

        var (refused, _, r1) = await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/bullets/{opinion}/merge", new { ids = new[] { opinion } }, etag);
        var (missing, _, r2) = await SendAsync(client, HttpMethod.Patch, $"/api/reports/{rid}/bullets/b999", new { text = "x" }, etag);
        var (stranger, _, r3) = await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/bullets", new { item = $"{Strategy}:1", text = "의견.", onBehalfOf = "홍길동" }, etag);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.Conflict), (r1.StatusCode, r2.StatusCode, r3.StatusCode));
        Assert.Contains("자기 자신과 합칠 수 없습니다", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("'b999'", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("참석자가 아닙니다", stranger.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(etag, (await SendAsync(client, HttpMethod.Get, $"/api/reports/{rid}")).ETag);
    }

    [Fact]
    public async Task BadPhotoUploads_Are413Or415InKorean_AndStoreNothing()
    {
        await using var host = await EndedMeetingsAsync(_work);
        using var client = host.StaffClient();
        var (rid, _, etag) = await CreateAsync(client, Strategy);

        using var big = Photo(new byte[(10 * 1024 * 1024) + 1], Strategy);
        using var gif = Photo("GIF89a 그림이 아님"u8.ToArray(), Strategy);
        var (tooLarge, _, r1) = await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/photos", etag: etag, content: big);
        var (notAPicture, _, r2) = await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/photos", etag: etag, content: gif);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r1.StatusCode);
        Assert.Contains("10MB", tooLarge.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, r2.StatusCode);
        Assert.Contains("JPEG나 PNG", notAPicture.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var now = await SendAsync(client, HttpMethod.Get, $"/api/reports/{rid}");
        Assert.Equal((etag, 0), (now.ETag, now.Body.GetProperty("photos").GetArrayLength()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task WithoutTheStaffKey_TheReportsApiIs401(string? key)
    {
        await using var host = new StaffHost(_work);
        using var client = host.StaffClient(key);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/reports", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, HttpMethod.Post, "/api/reports", new { meetingIds = new[] { Strategy } })).Response.StatusCode);
    }

    [Fact]
    public async Task AMeetingNotEnded_CannotBeMadeIntoAReport()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync(until: m => m.Text == "/종료");
        using var client = host.StaffClient();

        var (body, _, response) = await SendAsync(client, HttpMethod.Post, "/api/reports", new { meetingIds = new[] { Strategy } });
        var (unknown, _, r2) = await SendAsync(client, HttpMethod.Post, "/api/reports", new { meetingIds = NoSuchMeeting });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("아직 끝나지 않았습니다", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, r2.StatusCode);
        Assert.Contains("'no-such'", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await SendAsync(client, HttpMethod.Get, "/api/reports")).Body.EnumerateArray());
    }

    [Fact]
    public async Task EachStaffMemberOfStaffUsers_SignsInWithTheirOwnKey_AndTheHistoryNamesThem()
    {
        const string HanulKey = "hanul-K3y-9fQ2-Lp7x-Wm4z-Rt8b-Vn1c";
        const string MinsuKey = "minsu-K3y-2hT6-Qa9r-Zc5v-Jw3e-Xp8d";
        static string Sha256(string key) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
        var settings = new Dictionary<string, string?>
        {
            ["Staff:Users:0:Name"] = "김하늘",
            ["Staff:Users:0:KeySha256"] = Sha256(HanulKey),
            ["Staff:Users:1:Name"] = "이민수",
            ["Staff:Users:1:KeySha256"] = Sha256(MinsuKey).ToUpperInvariant(),
        };
        await using var host = new StaffHost(_work, settings: settings);
        await host.ReplaySampleAsync();
        using var hanul = host.StaffClient(HanulKey);
        using var minsu = host.StaffClient(MinsuKey);
        using var unnamed = host.StaffClient();
        using var stranger = host.StaffClient(Sha256(HanulKey));

        var (rid, created, etag) = await CreateAsync(hanul, Strategy);
        var bullet = created.GetProperty("bullets")[0].GetProperty("id").GetString()!;
        var (_, etag1, _) = await SendAsync(hanul, HttpMethod.Patch, $"/api/reports/{rid}/bullets/{bullet}", new { text = "김하늘이 고친 문장." }, etag);
        var (_, etag2, _) = await SendAsync(minsu, HttpMethod.Patch, $"/api/reports/{rid}/bullets/{bullet}", new { excluded = true }, etag1);
        await SendAsync(unnamed, HttpMethod.Patch, $"/api/reports/{rid}/bullets/{bullet}", new { excluded = false }, etag2);

        var history = (await SendAsync(minsu, HttpMethod.Get, $"/api/reports/{rid}/history")).Body.EnumerateArray();
        Assert.Equal([("edit", "김하늘"), ("exclude", "이민수"), ("restore", "직원")], history.Select(h => (h.GetProperty("kind").GetString(), h.GetProperty("who").GetString())));
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync(new Uri("/api/reports", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task FromThePagesSession_AChangeNeedsOurOriginAndTheAntiForgeryToken_AndIsMadeInTheSignedInName()
    {
        const string Key = "hanul-K3y-9fQ2-Lp7x-Wm4z-Rt8b-Vn1c";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key)));
        await using var host = new StaffHost(_work, settings: new Dictionary<string, string?> { ["Staff:Users:0:Name"] = "김하늘", ["Staff:Users:0:KeySha256"] = hash });
        await host.ReplaySampleAsync();
        using var browser = host.Browser();
        (await browser.LogInAsync(Key)).Dispose();
        (await browser.GetAsync("/staff")).Dispose();

        async Task<HttpResponseMessage> CreateAsync(string? origin, bool withToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/reports", UriKind.Relative)) { Content = JsonContent.Create(new { meetingIds = new[] { Strategy } }) };
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            if (withToken)
            {
                request.Headers.Add("RequestVerificationToken", browser.Token);
            }

            return await browser.SendAsync(request);
        }

        using var foreign = await CreateAsync("https://evil.example", withToken: true);
        using var tokenless = await CreateAsync(StaffBrowser.Origin, withToken: false);
        using var made = await CreateAsync(StaffBrowser.Origin, withToken: true);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.Created), (foreign.StatusCode, tokenless.StatusCode, made.StatusCode));
        using var created = JsonDocument.Parse(await made.Content.ReadAsStringAsync());
        var rid = created.RootElement.GetProperty("id").GetString()!;
        var bullet = created.RootElement.GetProperty("bullets")[0].GetProperty("id").GetString()!;
        using var patch = new HttpRequestMessage(HttpMethod.Patch, new Uri($"/api/reports/{rid}/bullets/{bullet}", UriKind.Relative)) { Content = JsonContent.Create(new { excluded = true }) };
        patch.Headers.Add("Origin", StaffBrowser.Origin);
        patch.Headers.Add("RequestVerificationToken", browser.Token);
        patch.Headers.TryAddWithoutValidation("If-Match", made.Headers.ETag!.ToString());
        using var patched = await browser.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        using var history = JsonDocument.Parse(await browser.GetStringAsync($"/api/reports/{rid}/history"));
        Assert.Equal("김하늘", Assert.Single(history.RootElement.EnumerateArray()).GetProperty("who").GetString());
    }

    [Theory]
    [InlineData("", "0123", "Staff:Users:0:Name 이(가) 비어 있습니다")]
    [InlineData("김하늘", "not-a-hash", "Staff:Users:0:KeySha256 은(는) 그 직원 키의 SHA-256 을 16진수 64자로")]
    public async Task ABadStaffUser_StopsTheHost_NamingTheEntry(string name, string hash, string message)
    {
        var error = await HostStartup.FailsAsync(_work.Root, new() { ["Staff:Users:0:Name"] = name, ["Staff:Users:0:KeySha256"] = hash });

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }
}
