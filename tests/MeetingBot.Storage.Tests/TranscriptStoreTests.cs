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
        await store.SaveTranscriptAsync(StoreSamples.PendingTranscript(At));
        Assert.NotNull(await store.GetTranscriptAsync("m1"));
        Assert.NotNull(await store.GetDefinitionAsync("ydp-2020-09-strategy"));
    }
}
