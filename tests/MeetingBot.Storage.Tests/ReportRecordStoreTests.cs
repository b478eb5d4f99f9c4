using MeetingBot.Core;
using MeetingBot.Storage;
using Microsoft.Data.Sqlite;

namespace MeetingBot.Storage.Tests;

/// <summary>Reports under review on the real SQLite file: saved only on the revision read, whole or not at all, versions frozen.</summary>
public sealed class ReportRecordStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2020, 9, 20, 10, 0, 0, TimeSpan.FromHours(9));
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("meetingbot-reports-");

    private string ConnectionString => $"Data Source={Path.Combine(_folder.FullName, "meetingbot.db")}";

    public void Dispose() => _folder.Delete(recursive: true);

    private static StoredReport Report(int revision, string state) => new("r1", "9월 결과 보고", revision, state, At.AddMinutes(revision));

    private static StoredReportChange Change(string kind, string who) => new(0, 0, kind, "b2", "전", "후", who, At.AddMinutes(1));

    [Fact]
    public async Task AFileFromBeforeReports_GainsTheTables_AndKeepsItsMeetings()
    {
        await using (var old = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            await old.UpsertDefinitionAsync(MeetingBot.TestSupport.TestMeetings.Strategy());
        }

        using (var raw = new SqliteConnection(ConnectionString + ";Pooling=False"))
        {
            await raw.OpenAsync();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "DROP TABLE report_versions; DROP TABLE report_photos; DROP TABLE report_changes; DROP TABLE reports; PRAGMA user_version = 3;";
            await cmd.ExecuteNonQueryAsync();
        }

        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        Assert.True(await store.CreateReportAsync(Report(0, "a")));
        Assert.NotNull(await store.GetDefinitionAsync("ydp-2020-09-strategy"));
    }
}
