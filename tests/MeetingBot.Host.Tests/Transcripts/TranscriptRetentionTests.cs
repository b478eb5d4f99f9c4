using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.Host.Services;
using MeetingBot.Host.Tests.Staff;
using MeetingBot.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Host.Tests.Transcripts;

/// <summary>
/// Retention of transcripts and attendance (SPEC §9, consent) on the real SQLite file and the fake clock: kept while the
/// report covering the meeting is a draft, kept until <c>Transcripts:RetentionDays</c> after its approval, deleted then
/// (rows gone from the file, a log line, an entry in the attempts), and what staff accepted stays in the report.
/// </summary>
public sealed class TranscriptRetentionTests : IDisposable
{
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    private static async Task<(HttpStatusCode Status, JsonElement Body, string ETag)> PostAsync(HttpClient client, string path, string? etag, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), response.Headers.ETag?.ToString() ?? "");
    }

    private long RowsOnDisk(string table)
    {
        using var connection = new SqliteConnection($"Data Source={_work.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM {table} WHERE meeting_id = $m";
        count.Parameters.AddWithValue("$m", StaffHost.MeetingId);
        return (long)count.ExecuteScalar()!;
    }

    [Fact]
    public async Task TheTranscriptIsKeptWhileTheReportIsADraft_AndUntilRetentionDaysAfterApproval_ThenDeleted_AndAcceptedEntriesStay()
    {
        await using var host = new StaffHost(_work, settings: new Dictionary<string, string?> { ["Transcripts:RetentionDays"] = "30" });
        await host.ReplaySampleAsync();
        using var client = host.StaffClient();
        using (var upload = await client.PostAsync(new Uri($"/api/meetings/{StaffHost.MeetingId}/transcript", UriKind.Relative), WorkspaceCandidatesTests.SampleFiles()))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        using var created = await client.PostAsJsonAsync(new Uri("/api/reports", UriKind.Relative), new { meetingIds = new[] { StaffHost.MeetingId } });
        var rid = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var candidate = (await host.Services.GetRequiredService<SpokenRemarks>().ForMeetingsAsync([StaffHost.MeetingId], CancellationToken.None))!.Single().Candidates[0];
        var (accepted, report, etag) = await PostAsync(client, $"/api/reports/{rid}/candidates/{candidate.Id}/accept", created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, accepted);
        var bullet = report.GetProperty("bullets").EnumerateArray().Single(b => b.GetProperty("sources")[0].GetString() == "s-3");
        var retention = host.Services.GetRequiredService<TranscriptRetention>();
        var transcripts = host.Services.GetRequiredService<ITranscriptStore>();

        // A draft keeps the transcript however long it waits.
        host.Clock.Advance(TimeSpan.FromDays(45));
        await retention.DeleteDueAsync(CancellationToken.None);
        Assert.Equal((8, 10), ((await transcripts.GetTranscriptAsync(StaffHost.MeetingId))!.Cues.Count, (await transcripts.GetTranscriptAsync(StaffHost.MeetingId))!.Attendance.Count));

        var (approved, _, _) = await PostAsync(client, $"/api/reports/{rid}/approve", etag);
        Assert.Equal(HttpStatusCode.OK, approved);
        var approvedAt = host.Clock.GetUtcNow();

        // One second before the time is up: still there.
        host.Clock.SetUtcNow(approvedAt + TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        await retention.DeleteDueAsync(CancellationToken.None);
        Assert.Equal((8L, 10L), (RowsOnDisk("transcript_cues"), RowsOnDisk("transcript_attendance")));
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Id.Id == 464);

        host.Clock.SetUtcNow(approvedAt + TimeSpan.FromDays(30));
        await retention.DeleteDueAsync(CancellationToken.None);
        Assert.Equal((0L, 0L), (RowsOnDisk("transcript_cues"), RowsOnDisk("transcript_attendance")));
        var emptied = (await transcripts.GetTranscriptAsync(StaffHost.MeetingId))!;
        Assert.Equal(TranscriptAttemptOutcome.Deleted, emptied.Attempts[^1].Outcome);
        Assert.Contains("보관 기간(30일)", emptied.Attempts[^1].Reason, StringComparison.Ordinal);
        var log = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 464);
        Assert.Contains(StaffHost.MeetingId, log.Message, StringComparison.Ordinal);

        // What was accepted stays: the report's bullet with the speaker's words and the cue ids, in the approved version too.
        var kept = (await WorkspacePageTests.StoredAsync(host, rid)).Bullet(bullet.GetProperty("id").GetString()!)!;
        Assert.Equal(["s-3", "s-4"], kept.Sources);
        Assert.Equal(candidate.Remark.Text, kept.Originals.Single());
        var markdown = System.Text.Encoding.UTF8.GetString((await host.Services.GetRequiredService<IReportRecordStore>().GetReportVersionFileAsync(rid, 1, "md"))!);
        Assert.Contains(kept.Text, markdown, StringComparison.Ordinal);

        // A second pass finds nothing more to delete, and nothing comes back.
        Assert.Equal(0, await retention.DeleteDueAsync(CancellationToken.None));
        Assert.Empty((await transcripts.GetTranscriptAsync(StaffHost.MeetingId))!.Cues);
    }

    [Fact]
    public void KeepUntil_CountsFromTheLatestApproval_AndKeepsWhileAnyCoveringReportIsADraft()
    {
        var at = new DateTimeOffset(2020, 10, 1, 9, 0, 0, TimeSpan.Zero);
        IReadOnlyList<string> september = [StaffHost.MeetingId, "ydp-2020-09-capacity"];
        IReadOnlyList<string> alone = [StaffHost.MeetingId];
        var month = TimeSpan.FromDays(30);
        Assert.Null(TranscriptRetention.KeepUntil(StaffHost.MeetingId, [], month));
        Assert.Null(TranscriptRetention.KeepUntil(StaffHost.MeetingId, [(september, true, at), (alone, false, at)], month));
        Assert.Equal(at.AddDays(35), TranscriptRetention.KeepUntil(StaffHost.MeetingId, [(september, true, at), (alone, true, at.AddDays(5))], month));
        Assert.Equal(at.AddDays(30), TranscriptRetention.KeepUntil("ydp-2020-09-capacity", [(september, true, at), (alone, false, at.AddDays(5))], month));
        Assert.Null(TranscriptRetention.KeepUntil("other-meeting", [(september, true, at)], month));
    }
}
