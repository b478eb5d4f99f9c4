using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeetingBot.Host.Tests.Staff;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Host.Tests.Transcripts;

/// <summary>
/// Spoken-remark candidates on the review record through the real host (SPEC §9): staff upload of the sample's
/// transcript and attendance, the candidates of a report, accept and ignore with If-Match and history, attendance in
/// the report, and bad uploads refused naming the file and line.
/// </summary>
public sealed class CandidatesApiTests : IDisposable
{
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    private static MultipartFormDataContent Files(params (string Name, string Text)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, text) in files)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "file", name);
        }

        return form;
    }

    private static MultipartFormDataContent SampleFiles() => Files(
        ("strategy.transcript.vtt", File.ReadAllText(Path.Combine(RepositoryFiles.Samples, "strategy.transcript.vtt"))),
        ("strategy.attendance.json", File.ReadAllText(Path.Combine(RepositoryFiles.Samples, "strategy.attendance.json"))));

    private static async Task<(HttpStatusCode Status, JsonElement Body, string ETag)> SendAsync(HttpClient client, HttpMethod method, string path, string? etag = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default, response.Headers.ETag?.ToString() ?? "");
    }

    private static async Task<(string Id, JsonElement Body, string ETag)> CreateReportAsync(HttpClient client)
    {
        using var created = await client.PostAsJsonAsync(new Uri("/api/reports", UriKind.Relative), new { meetingIds = new[] { StaffHost.MeetingId } });
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (body.GetProperty("id").GetString()!, body, created.Headers.ETag!.ToString());
    }

    private static List<JsonElement> Candidates(JsonElement list) =>
        [.. list.GetProperty("meetings").EnumerateArray().Single().GetProperty("candidates").EnumerateArray()];

    [Fact]
    public async Task Uploaded_transcript_gives_candidates_that_enter_the_report_only_when_accepted()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync();
        using var client = host.StaffClient();

        var (uploaded, upload, _) = await SendAsync(client, HttpMethod.Post, $"/api/meetings/{StaffHost.MeetingId}/transcript", content: SampleFiles());
        Assert.Equal(HttpStatusCode.OK, uploaded);
        Assert.Equal((8, 10, 3), (upload.GetProperty("cues").GetInt32(), upload.GetProperty("attendance").GetInt32(), upload.GetProperty("candidates").GetInt32()));

        var (rid, report, etag) = await CreateReportAsync(client);
        var meeting = report.GetProperty("meetings")[0];
        Assert.Equal((5, 3), (meeting.GetProperty("civilCount").GetInt32(), meeting.GetProperty("adminCount").GetInt32()));
        Assert.DoesNotContain("연락처", report.GetRawText(), StringComparison.Ordinal);

        var (listed, list, listEtag) = await SendAsync(client, HttpMethod.Get, $"/api/reports/{rid}/candidates");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal(etag, listEtag);
        var candidates = Candidates(list);
        Assert.Equal(["최민정", "정다은", "미확인 화자"], candidates.Select(c => c.GetProperty("speaker").GetString()));
        Assert.All(candidates, c => Assert.Equal("후보", c.GetProperty("status").GetString()));
        Assert.Equal(["s-3", "s-4"], candidates[0].GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal($"{StaffHost.MeetingId}:2", candidates[0].GetProperty("item").GetString());
        Assert.Equal(JsonValueKind.String, candidates[1].GetProperty("duplicateOf").ValueKind);
        var attendance = list.GetProperty("meetings")[0].GetProperty("attendance");
        Assert.Equal(["담당 주무관2", "협치지원관"], attendance.GetProperty("absent").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["홍길동"], attendance.GetProperty("unknown").EnumerateArray().Select(n => n.GetString()));
        var first = candidates[0].GetProperty("id").GetString()!;
        var third = candidates[2].GetProperty("id").GetString()!;

        using (var elsewhere = JsonContent.Create(new { item = "ydp-2020-09-foundation:2" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/candidates/{first}/accept", etag, elsewhere)).Status);
        }

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/candidates/{first}/accept")).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/candidates/{first}/accept", "\"stale.0\"")).Status);
        var (accepted, afterAccept, acceptEtag) = await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/candidates/{first}/accept", etag);
        Assert.Equal(HttpStatusCode.OK, accepted);
        var bullet = afterAccept.GetProperty("bullets").EnumerateArray().Single(b => b.GetProperty("sources").EnumerateArray().Any(s => s.GetString() == "s-3"));
        Assert.Equal(["s-3", "s-4"], bullet.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("연락처", bullet.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(bullet.GetProperty("originals")[0].GetString(), bullet.GetProperty("text").GetString());
        Assert.Contains("연락처를 공유해 주셨으면 합니다", bullet.GetProperty("originals")[0].GetString(), StringComparison.Ordinal);
        var printed = afterAccept.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("index").GetInt32() == 2).GetProperty("opinions");
        Assert.Contains(printed.EnumerateArray(), o => o.GetProperty("id").GetString() == bullet.GetProperty("id").GetString());

        var (ignored, _, ignoreEtag) = await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/candidates/{third}/ignore", acceptEtag);
        Assert.Equal(HttpStatusCode.OK, ignored);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/candidates/{third}/ignore", ignoreEtag)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/candidates/{first}/accept", ignoreEtag)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, HttpMethod.Post, $"/api/reports/{rid}/candidates/c000000000000/accept", ignoreEtag)).Status);

        var after = Candidates((await SendAsync(client, HttpMethod.Get, $"/api/reports/{rid}/candidates")).Body);
        Assert.Equal(["채택", "후보", "무시"], after.Select(c => c.GetProperty("status").GetString()));
        Assert.Equal(bullet.GetProperty("id").GetString(), after[0].GetProperty("bulletId").GetString());

        var history = (await SendAsync(client, HttpMethod.Get, $"/api/reports/{rid}/history")).Body.EnumerateArray().ToList();
        Assert.Equal([("candidate-accept", first, "직원"), ("candidate-ignore", third, "직원")],
            history.Select(h => (h.GetProperty("kind").GetString(), h.GetProperty("target").GetString(), h.GetProperty("who").GetString())));
    }

    [Fact]
    public async Task A_bad_transcript_file_is_400_naming_its_file_and_line_and_stores_nothing()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync();
        using var client = host.StaffClient();

        using var files = Files(("회의.vtt", "WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\n<v 박서연>말\n"));
        var (status, body, _) = await SendAsync(client, HttpMethod.Post, $"/api/meetings/{StaffHost.MeetingId}/transcript", content: files);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("회의.vtt:4:", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await host.Services.GetRequiredService<Core.Transcripts.ITranscriptStore>().GetTranscriptAsync(StaffHost.MeetingId));
    }

    [Fact]
    public async Task An_upload_is_refused_for_a_file_of_no_known_kind_without_staff_or_for_no_such_meeting()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync();
        using var client = host.StaffClient();
        using var stranger = host.StaffClient(key: null);

        using var docx = Files(("회의록.docx", "x"));
        using var unsigned = SampleFiles();
        using var elsewhere = SampleFiles();
        Assert.Equal(HttpStatusCode.UnsupportedMediaType,
            (await SendAsync(client, HttpMethod.Post, $"/api/meetings/{StaffHost.MeetingId}/transcript", content: docx)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await SendAsync(stranger, HttpMethod.Post, $"/api/meetings/{StaffHost.MeetingId}/transcript", content: unsigned)).Status);
        Assert.Equal(HttpStatusCode.NotFound,
            (await SendAsync(client, HttpMethod.Post, "/api/meetings/no-such/transcript", content: elsewhere)).Status);
    }

    [Fact]
    public async Task An_upload_stops_the_collector_asking_and_warns_staff_of_a_quorum_not_met()
    {
        var file = Path.Combine(_work.Meetings, "strategy.meeting.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("\nparticipants:", "\nquorum: 9\nparticipants:", StringComparison.Ordinal));
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync();
        using var client = host.StaffClient();

        using var files = SampleFiles();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Post, $"/api/meetings/{StaffHost.MeetingId}/transcript", content: files)).Status);
        await host.OutboxIdleAsync();

        var warning = Assert.Single(host.StaffGateway.Sent, m => m.Text.Contains("정족수 미달", StringComparison.Ordinal));
        Assert.Contains("참석 8명 / 정족수 9명", warning.Text, StringComparison.Ordinal);
        var stored = await host.Services.GetRequiredService<Core.Transcripts.ITranscriptStore>().GetTranscriptAsync(StaffHost.MeetingId);
        Assert.Equal((Core.Transcripts.TranscriptStatus.Collected, "upload"), (stored!.Status, stored.Source));
        Assert.Contains("직원", stored.Attempts[^1].Reason, StringComparison.Ordinal);

        var (_, report, _) = await CreateReportAsync(client);
        Assert.Equal("정족수: 참석 8명 / 정족수 9명 — 미달", report.GetProperty("meetings")[0].GetProperty("quorum").GetString());
    }
}
