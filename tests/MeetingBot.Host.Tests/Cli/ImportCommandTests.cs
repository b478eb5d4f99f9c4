using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeetingBot.Channels.Replay;
using MeetingBot.Core;
using MeetingBot.Host.Cli;
using MeetingBot.Host.Tests.Staff;
using MeetingBot.Storage;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Cli;

/// <summary>
/// <c>meetingbot import DIR</c> through the real command line into a real SQLite file, then the real host's reports
/// API on that same file.
/// </summary>
public sealed class ImportCommandTests : CliTest
{
    private const string Strategy = StaffHost.MeetingId;
    private const string Foundation = "ydp-2020-09-foundation";

    private readonly HostWork _server = new();

    public ImportCommandTests() => File.WriteAllText(Settings, $$"""{ "Storage": { "ConnectionString": "Data Source={{_server.Database.Replace("\\", "\\\\", StringComparison.Ordinal)}}" } }""", Encoding.UTF8);

    private string Settings => Path.Combine(Work, "settings.json");

    /// <summary>The shared sample (전략사업) and 협치기반조성, each with its chat, in a folder of their own.</summary>
    private string Exported()
    {
        var dir = SharedSample();
        RepositoryFiles.CopySample(dir, "foundation");
        return dir;
    }

    private Task<(int Code, string Out, string Err)> ImportAsync(string dir) => RunAsync("import", dir, "--settings", Settings);

    private async Task<T> WithStoreAsync<T>(Func<SqliteMeetingStore, Task<T>> read)
    {
        var store = await SqliteMeetingStore.OpenAsync($"Data Source={_server.Database}");
        await using (store)
        {
            return await read(store);
        }
    }

    private Task<IReadOnlyList<Entry>> EntriesAsync(string meetingId) => WithStoreAsync(s => s.GetEntriesAsync(meetingId));

    [Fact]
    public async Task Import_StoresEndedMeetings_ThatTheReportsApiCombinesIntoOneReport()
    {
        var (code, stdout, stderr) = await ImportAsync(Exported());

        Assert.True(code == CommandLine.Ok, stderr);
        Assert.Contains($"가져옴: [전략사업] {Strategy} 회의를 종료된 회의로 저장했습니다. 항목 14건.", stdout);
        Assert.Contains($"가져옴: [협치기반조성] {Foundation}", stdout);
        var unsent = await WithStoreAsync(s => s.GetUnsentAsync(1000));
        Assert.Empty(unsent);

        await using var host = new StaffHost(_server);
        using var client = host.StaffClient();
        using var response = await client.PostAsJsonAsync(new Uri("/api/reports", UriKind.Relative), new { meetingIds = new[] { Foundation, Strategy }, title = "9월 분과회의 결과 보고" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        using var report = JsonDocument.Parse(text);
        var meetings = report.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("meetingId").GetString()).Distinct().ToList();
        Assert.Equal([Foundation, Strategy], meetings.Order(StringComparer.Ordinal));
        var strategyOpinions = report.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("meetingId").GetString() == Strategy)
            .Sum(i => i.GetProperty("opinions").GetArrayLength());
        Assert.Equal(13, strategyOpinions);
    }

    [Fact]
    public async Task ImportingTheSameFolderTwice_FromAnotherPlace_DuplicatesNothing()
    {
        var dir = Exported();
        var first = await ImportAsync(dir);
        Assert.True(first.Code == CommandLine.Ok, first.Err);
        var before = await EntriesAsync(Strategy);

        // The same chats, copied elsewhere: the replay conversations are named by meeting and file, not by path.
        var moved = Path.Combine(Work, "moved");
        Directory.CreateDirectory(moved);
        foreach (var file in Directory.GetFiles(dir))
        {
            File.Copy(file, Path.Combine(moved, Path.GetFileName(file)));
        }

        var (code, stdout, stderr) = await ImportAsync(moved);

        Assert.True(code == CommandLine.Ok, stderr);
        Assert.Contains($"이미 있음: [전략사업] {Strategy}", stdout);
        Assert.Contains($"이미 있음: [협치기반조성] {Foundation}", stdout);
        Assert.DoesNotContain("가져옴", stdout);
        var after = await EntriesAsync(Strategy);
        Assert.Equal(before.Select(e => (e.Number, e.Text, e.SourceId)), after.Select(e => (e.Number, e.Text, e.SourceId)));
    }

    [Fact]
    public async Task ImportCutShort_RunAgain_FinishesTheMeetingWithoutRepeatingAMessage()
    {
        // An earlier import stopped halfway: the first 20 messages of the chat were processed in its replay conversation.
        var dir = Exported();
        var folder = ReplayFolder.Read(dir).Only(new HashSet<string>([Strategy]));
        var half = folder.Scripts[0] with { Messages = [.. folder.Scripts[0].Messages.Take(20)] };
        await WithStoreAsync(async store =>
        {
            var clock = folder.Clock();
            using var engine = new MeetingBot.Core.Engine.MeetingEngine(store, clock, new MeetingBot.Core.Engine.TimeboxSettings());
            await store.UpsertDefinitionAsync(folder.Meetings[0]);
            return await new ReplayRunner(engine, store, clock).RunAsync([half]);
        });
        var halfway = await EntriesAsync(Strategy);
        Assert.NotEmpty(halfway);
        Assert.Equal(MeetingStatus.Running, (await WithStoreAsync(s => s.GetRuntimeAsync(Strategy)))!.Status);

        var (code, stdout, stderr) = await ImportAsync(dir);

        Assert.True(code == CommandLine.Ok, stderr);
        Assert.Contains($"가져옴: [전략사업] {Strategy} 회의를 종료된 회의로 저장했습니다. 항목 14건.", stdout);
        var entries = await EntriesAsync(Strategy);
        Assert.Equal(entries.Count, entries.Select(e => e.SourceId).Distinct().Count());
        Assert.Equal(halfway.Select(e => (e.Number, e.SourceId)), entries.Take(halfway.Count).Select(e => (e.Number, e.SourceId)));
    }

    [Fact]
    public async Task MeetingLiveInTheStore_IsRefusedByName_Exit2_AndLeftAsItWas_WhileTheOtherIsImported()
    {
        // The bot is running the 전략사업 meeting in its chat right now (everything up to /종료 has been said).
        RepositoryFiles.CopySample(_server.Meetings, "strategy");
        await using (var host = new StaffHost(_server))
        {
            await host.ReplaySampleAsync(until: m => m.Text == "/종료");
        }

        var before = await EntriesAsync(Strategy);

        var (code, stdout, stderr) = await ImportAsync(Exported());

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains($"거부: [전략사업] {Strategy} 회의는 저장소에서 진행 중", stderr);
        Assert.Contains($"가져옴: [협치기반조성] {Foundation}", stdout);
        Assert.Equal(MeetingStatus.Running, (await WithStoreAsync(s => s.GetRuntimeAsync(Strategy)))!.Status);
        Assert.Equal(before.Select(e => (e.Number, e.Text)), (await EntriesAsync(Strategy)).Select(e => (e.Number, e.Text)));
        var bindings = await WithStoreAsync(s => s.GetBindingsAsync(Strategy));
        Assert.Single(bindings);
    }

    [Fact]
    public async Task ChatWithoutEnd_IsEndedAtItsLastMessage()
    {
        var dir = Exported();
        var chat = Path.Combine(dir, "foundation.chat.yaml");
        var lines = (await File.ReadAllLinesAsync(chat)).Where(l => !l.Contains("\"/종료\"", StringComparison.Ordinal)).ToArray();
        await File.WriteAllLinesAsync(chat, lines);
        var last = ReplayFolder.Read(dir).Scripts.Single(s => s.MeetingId == Foundation).Messages[^1].At;

        var (code, stdout, stderr) = await ImportAsync(dir);

        Assert.True(code == CommandLine.Ok, stderr);
        Assert.Contains($"가져옴: [협치기반조성] {Foundation}", stdout);
        var runtime = (await WithStoreAsync(s => s.GetRuntimeAsync(Foundation)))!;
        Assert.Equal((MeetingStatus.Ended, (DateTimeOffset?)last), (runtime.Status, runtime.EndedAt));
    }

    [Fact]
    public async Task BadChatFile_NamesFileAndLine_Exit2_AndStoresNothing()
    {
        var dir = Exported();
        var chat = Path.Combine(dir, "foundation.chat.yaml");
        var lines = (await File.ReadAllLinesAsync(chat)).ToList();
        var at = lines.FindIndex(l => l.Contains("from:", StringComparison.Ordinal));
        lines[at] = lines[at].Replace("from: ", "from: 모르는사람_", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(chat, lines);

        var (code, _, stderr) = await ImportAsync(dir);

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains($"{chat}:{at + 1}:", stderr);
        Assert.False(File.Exists(_server.Database), "the store must not even be created");
    }

    [Fact]
    public async Task MissingFolder_Exit2_AndStoresNothing()
    {
        var missing = Path.Combine(Work, "no-such");

        var (code, _, stderr) = await ImportAsync(missing);

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains($"폴더를 찾을 수 없습니다: {missing}", stderr);
        Assert.False(File.Exists(_server.Database));
    }

    protected override void Dispose(bool disposing)
    {
        _server.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public async Task Import_StoresTheTranscriptBesideAChat_AndWithAcceptCandidates_ANewReportCarriesTheSpokenRemarks()
    {
        var dir = Exported();
        foreach (var file in new[] { "strategy.transcript.vtt", "strategy.attendance.json" })
        {
            File.Copy(Path.Combine(RepositoryFiles.Samples, file), Path.Combine(dir, file));
        }

        var (code, stdout, stderr) = await RunAsync("import", dir, "--settings", Settings, "--accept-candidates");

        Assert.True(code == CommandLine.Ok, stderr);
        Assert.Contains("발언 기록 8건, 참석 기록 10건도 저장했습니다", stdout, StringComparison.Ordinal);
        var stored = await WithStoreAsync(s => s.GetTranscriptAsync(Strategy));
        Assert.Equal(("import", true), (stored!.Source, stored.AcceptCandidates));
        Assert.Null(await WithStoreAsync(s => s.GetTranscriptAsync(Foundation)));

        await using var host = new StaffHost(_server);
        using var client = host.StaffClient();
        using var response = await client.PostAsJsonAsync(new Uri("/api/reports", UriKind.Relative), new { meetingIds = new[] { Strategy } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var spoken = report.RootElement.GetProperty("bullets").EnumerateArray()
            .Select(b => string.Join(",", b.GetProperty("sources").EnumerateArray().Select(x => x.GetString())))
            .Where(s => s.StartsWith("s-", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(["s-3,s-4", "s-7"], spoken);
        Assert.Equal(5, report.RootElement.GetProperty("meetings")[0].GetProperty("civilCount").GetInt32());
        using var history = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/reports/{report.RootElement.GetProperty("id").GetString()}/history", UriKind.Relative)));
        Assert.All(history.RootElement.EnumerateArray(), h => Assert.Equal(("candidate-accept", ImportCommand.ImporterName), (h.GetProperty("kind").GetString(), h.GetProperty("who").GetString())));
        Assert.Equal(2, history.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task ABrokenTranscriptBesideAChat_StoresNothing_AndNamesTheFileAndLine()
    {
        var dir = Exported();
        await File.WriteAllTextAsync(Path.Combine(dir, "strategy.transcript.vtt"), "WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\n<v 박서연>말\n");

        var (code, _, stderr) = await ImportAsync(dir);

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("strategy.transcript.vtt:4:", stderr, StringComparison.Ordinal);
        Assert.Null(await WithStoreAsync(s => s.GetDefinitionAsync(Strategy)));
    }
}
