using MeetingBot.Calendar.Files;
using MeetingBot.Channels.Replay;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.Host.Services;
using MeetingBot.Reports;
using MeetingBot.Reports.Drafting;
using MeetingBot.Storage;

namespace MeetingBot.Host.Cli;

/// <summary>
/// <c>meetingbot simulate DIR --out OUT</c> (SPEC §5): replays every chat in DIR through the live engine and SQLite
/// store on a simulated clock, then writes the combined report (with the photos of <c>DIR/photos</c>, see
/// <see cref="SimulatePhotos"/>) and the transcript.
/// </summary>
public static class SimulateCommand
{
    public static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Positional.Count != 1)
        {
            throw new MeetingBotException("재생할 폴더(DIR)를 하나 지정해 주세요. 예: meetingbot simulate samples/2020-09 --out out");
        }

        var dir = args.Positional[0];
        var outDir = args.Required("out", "결과를 쓸 폴더");
        await using var host = VerbHost.Open(args);
        var drafter = Drafters.Create(host.Configuration, args.Option("drafting"));
        using var disposeDrafter = drafter as IDisposable;
        var replay = await ReplayAsync(dir, host.Timebox, stderr, cancellationToken).ConfigureAwait(false);

        var photos = SimulatePhotos.Read(dir, replay.Meetings);
        var spoken = SimulateCandidates.Gather(replay, SimulateCandidates.MinimumPresence(args.Option("min-presence")));
        var accept = args.Flag("accept-candidates");
        var report = await new ReportBuilder(drafter).BuildAsync(spoken.ForReport(replay.Records, accept), cancellationToken).ConfigureAwait(false);
        report = spoken.Complete(report, accept) with { Photos = photos, MarkSubcommittee = ReportsOptions.MarkSubcommitteeIn(host.Configuration) };
        var files = await ReportFiles.Default().WriteAsync(report, outDir, cancellationToken).ConfigureAwait(false);
        var transcriptPath = await ReportFiles.WriteTextAsync(Path.Combine(outDir, "transcript.md"), TranscriptMarkdown.Render(replay.Transcript, replay.Meetings), cancellationToken).ConfigureAwait(false);
        var written = files.Paths.Append(transcriptPath).ToList();
        if (spoken.Meetings.Count > 0)
        {
            written.Add(await ReportFiles.WriteTextAsync(Path.Combine(outDir, "candidates.json"), spoken.ToJson(), cancellationToken).ConfigureAwait(false));
            await stdout.WriteLineAsync(spoken.Summary(accept)).ConfigureAwait(false);
            foreach (var (line, warning) in spoken.QuorumLines())
            {
                await (warning ? stderr : stdout).WriteLineAsync(line).ConfigureAwait(false);
            }
        }

        var entries = replay.Records.Sum(r => r.Entries.Count(e => !e.Withdrawn));
        await stdout.WriteLineAsync($"회의 {replay.Meetings.Count}건, 대화 {replay.MessageCount}개 메시지를 재생했습니다. 보고서에 담긴 항목 {entries}건.").ConfigureAwait(false);
        if (report.Usage is { } usage && usage.Provider != RuleDrafter.DrafterName)
        {
            await stdout.WriteLineAsync(DraftingCliText.Summary(report, usage)).ConfigureAwait(false);
        }

        if (files.ReplacedCharacters > 0)
        {
            await stderr.WriteLineAsync($"주의: 문서에 쓸 수 없는 제어 문자 {files.ReplacedCharacters}개를 '\uFFFD'로 바꿨습니다.").ConfigureAwait(false);
        }

        foreach (var path in written)
        {
            await stdout.WriteLineAsync($"  {path}").ConfigureAwait(false);
        }

        return CommandLine.Ok;
    }

    /// <summary>
    /// Replays every <c>*.chat.yaml</c> in <paramref name="dir"/> against its meeting through the live engine, on a
    /// simulated clock and a throwaway SQLite file (so a rerun starts clean and nothing the live bot stores is
    /// touched), and returns what the store then holds. A meeting the chat never ended is reported on
    /// <paramref name="stderr"/> and kept as recorded.
    /// </summary>
    public static async Task<ReplayResult> ReplayAsync(string dir, TimeboxSettings timebox, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timebox);
        ArgumentNullException.ThrowIfNull(stderr);
        var folder = ReplayFolder.Read(dir);
        var work = Path.Combine(Path.GetTempPath(), "meetingbot-simulate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var store = await SqliteMeetingStore.OpenAsync($"Data Source={Path.Combine(work, "simulate.db")}", cancellationToken).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                var clock = folder.Clock();
                using var engine = new MeetingEngine(store, clock, timebox);
                var replay = await folder.ReplayAsync(engine, store, clock, cancellationToken).ConfigureAwait(false);
                foreach (var record in replay.Records.Where(r => r.Runtime.Status != MeetingStatus.Ended))
                {
                    await stderr.WriteLineAsync($"주의: [{record.Definition.Subcommittee}] {record.Definition.Id} 회의가 대화 안에서 종료(/종료)되지 않았습니다. 기록된 내용까지로 보고서를 씁니다.").ConfigureAwait(false);
                }

                return replay;
            }
        }
        finally
        {
            TryDelete(work);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind costs nothing; the report is already written.
        }
    }
}
