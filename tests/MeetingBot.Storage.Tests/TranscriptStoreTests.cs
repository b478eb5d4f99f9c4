using MeetingBot.Core.Transcripts;
using Microsoft.Data.Sqlite;

namespace MeetingBot.Storage.Tests;

/// <summary>Stored transcripts on the real SQLite file: cues, attendance and attempts kept whole, in order, across a reopen.</summary>
public sealed class TranscriptStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2020, 9, 15, 14, 0, 0, TimeSpan.FromHours(9));
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("meetingbot-transcripts-");

    private string ConnectionString => $"Data Source={Path.Combine(_folder.FullName, "meetingbot.db")}";

    public void Dispose() => _folder.Delete(recursive: true);

    private static StoredTranscript Pending(params TranscriptAttempt[] attempts) => new()
    {
        MeetingId = "m1",
        Source = "graph",
        NextAttemptAt = At.AddMinutes(30),
        Attempts = attempts,
        UpdatedAt = At.AddMinutes(20),
    };

    [Fact]
    public async Task Cues_attendance_and_attempts_survive_reopening_the_file_in_their_order()
    {
        var collected = Pending(new TranscriptAttempt(At.AddMinutes(15), TranscriptAttemptOutcome.NotReady, "아직 없음")) with
        {
            Status = TranscriptStatus.Collected,
            NextAttemptAt = null,
            AcceptCandidates = true,
            Cues =
            [
                new TranscriptCue("T1/0002", "김위원", At.AddMinutes(9), At.AddMinutes(10), "둘째 <말>"),
                new TranscriptCue("T1/0001", "박 위원장", At.AddMinutes(5), At.AddMinutes(6).AddMilliseconds(250), "첫째", "aad-park"),
            ],
            Attendance = [new AttendanceRecord("김위원", TimeSpan.FromSeconds(3599.5)), new AttendanceRecord("박 위원장", TimeSpan.FromHours(1), "aad-park")],
            Attempts =
            [
                new TranscriptAttempt(At.AddMinutes(15), TranscriptAttemptOutcome.NotReady, "아직 없음"),
                new TranscriptAttempt(At.AddMinutes(25), TranscriptAttemptOutcome.Collected, "발언 2건"),
            ],
        };
        await using (var store = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            await store.SaveTranscriptAsync(Pending(collected.Attempts[0]));
            await store.SaveTranscriptAsync(collected);
        }

        await using var reopened = await SqliteMeetingStore.OpenAsync(ConnectionString);
        var read = await reopened.GetTranscriptAsync("m1");

        Assert.NotNull(read);
        Assert.Equal((TranscriptStatus.Collected, null, "graph", true), (read.Status, read.NextAttemptAt, read.Source, read.AcceptCandidates));
        Assert.Equal(collected.Cues, read.Cues);
        Assert.Equal(collected.Attendance, read.Attendance);
        Assert.Equal(collected.Attempts, read.Attempts);
        Assert.Null(await reopened.GetTranscriptAsync("m2"));
    }

    [Fact]
    public async Task A_save_replaces_what_was_there()
    {
        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        await store.SaveTranscriptAsync(Pending() with { Cues = [new TranscriptCue("a", "김", At, At, "하나"), new TranscriptCue("b", "김", At, At, "둘")] });

        await store.SaveTranscriptAsync(Pending() with { Source = "upload", Cues = [new TranscriptCue("c", "박", At, At, "셋")] });

        var read = await store.GetTranscriptAsync("m1");
        Assert.Equal(["c"], read!.Cues.Select(c => c.Id));
        Assert.Equal("upload", read.Source);
    }

    [Fact]
    public async Task A_file_from_before_transcripts_gains_the_tables()
    {
        await using (var old = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            await old.UpsertDefinitionAsync(MeetingBot.TestSupport.TestMeetings.Strategy());
        }

        await using (var raw = new SqliteConnection(ConnectionString + ";Pooling=False"))
        {
            await raw.OpenAsync();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "DROP TABLE transcript_attempts; DROP TABLE transcript_attendance; DROP TABLE transcript_cues; DROP TABLE transcripts; PRAGMA user_version = 5;";
            await cmd.ExecuteNonQueryAsync();
        }

        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        await store.SaveTranscriptAsync(Pending());
        Assert.NotNull(await store.GetTranscriptAsync("m1"));
        Assert.NotNull(await store.GetDefinitionAsync("ydp-2020-09-strategy"));
    }
}
