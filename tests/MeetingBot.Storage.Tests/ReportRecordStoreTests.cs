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
    public async Task AReport_ItsChangesPhotosAndVersions_SurviveReopeningTheFile()
    {
        await using (var store = await SqliteMeetingStore.OpenAsync(ConnectionString))
        {
            Assert.True(await store.CreateReportAsync(Report(0, "{\"s\":0}")));
            Assert.True(await store.SaveReportAsync(Report(1, "{\"s\":1}"), 0, new ReportWrite([Change("edit", "김직원"), Change("move", "김직원")])
            {
                Photo = ("p1", [1, 2, 3]),
            }));
            Assert.True(await store.SaveReportAsync(Report(2, "{\"s\":2}"), 1, new ReportWrite([Change("approve", "박주무관")])
            {
                Version = (1, new Dictionary<string, byte[]> { ["md"] = [7], ["docx"] = [8, 9] }),
            }));
        }

        await using var reopened = await SqliteMeetingStore.OpenAsync(ConnectionString);
        var report = await reopened.GetReportAsync("r1");
        Assert.Equal(Report(2, "{\"s\":2}"), report);
        Assert.Equal([(1, 1, "edit", "김직원"), (2, 1, "move", "김직원"), (3, 2, "approve", "박주무관")],
            (await reopened.GetReportHistoryAsync("r1")).Select(c => (c.Number, c.Revision, c.Kind, c.Who)));
        Assert.Equal([1, 2, 3], await reopened.GetReportPhotoAsync("r1", "p1"));
        Assert.Equal([8, 9], await reopened.GetReportVersionFileAsync("r1", 1, "docx"));
        Assert.Null(await reopened.GetReportVersionFileAsync("r1", 2, "docx"));
        Assert.Single(await reopened.ListReportsAsync());
    }

    [Fact]
    public async Task ASaveFromAStaleRevision_WritesNothing()
    {
        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        await store.CreateReportAsync(Report(0, "a"));
        Assert.True(await store.SaveReportAsync(Report(1, "b"), 0, new ReportWrite([Change("edit", "김직원")])));

        var stale = await store.SaveReportAsync(Report(1, "c"), 0, new ReportWrite([Change("edit", "박주무관")]) { Photo = ("p9", [1]) });

        Assert.False(stale);
        Assert.Equal("b", (await store.GetReportAsync("r1"))!.State);
        Assert.Single(await store.GetReportHistoryAsync("r1"));
        Assert.Null(await store.GetReportPhotoAsync("r1", "p9"));
    }

    [Fact]
    public async Task AnApprovedVersion_IsFrozen_WritingItAgainFailsTheWholeSave()
    {
        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString);
        await store.CreateReportAsync(Report(0, "a"));
        await store.SaveReportAsync(Report(1, "b"), 0, new ReportWrite([Change("approve", "김직원")]) { Version = (1, new Dictionary<string, byte[]> { ["md"] = [1] }) });

        await Assert.ThrowsAsync<SqliteException>(() => store.SaveReportAsync(Report(2, "c"), 1, new ReportWrite([Change("approve", "김직원")])
        {
            Version = (1, new Dictionary<string, byte[]> { ["md"] = [2] }),
        }));

        Assert.Equal([1], await store.GetReportVersionFileAsync("r1", 1, "md"));
        Assert.Equal(("b", 1), ((await store.GetReportAsync("r1"))!.State, (await store.GetReportHistoryAsync("r1")).Count));
        Assert.True(await store.SaveReportAsync(Report(2, "c"), 1, new ReportWrite([Change("edit", "김직원")])));
    }

    [Fact]
    public async Task CreatingAnIdTwice_KeepsTheFirst()
    {
        await using var store = await SqliteMeetingStore.OpenAsync(ConnectionString);

        Assert.True(await store.CreateReportAsync(Report(0, "first")));
        Assert.False(await store.CreateReportAsync(Report(0, "second")));
        Assert.Equal("first", (await store.GetReportAsync("r1"))!.State);
    }

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
