using MeetingBot.Core;
using MeetingBot.Reports;
using MeetingBot.Reports.Drafting;
using MeetingBot.Reports.Drafting.AzureOpenAI;

namespace MeetingBot.Host.Cli;

/// <summary>
/// <c>meetingbot eval-drafting DIR --reference FILE</c>: replays DIR's chats as <c>simulate</c> does, drafts the
/// report with each drafter, and scores its ▸ bullets against the ▸ bullets of a reference report exported as text
/// (<see cref="DraftEvaluation"/>). Rules always; Azure OpenAI where <c>Drafting:AzureOpenAI</c> is configured, or
/// only the one named by <c>--drafting</c>. A baseline row — the members' words with only 합니다 → 함 — shows
/// what a drafter adds.
/// </summary>
public static class EvalDraftingCommand
{
    public static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Positional.Count != 1)
        {
            throw new MeetingBotException("평가할 폴더(DIR)를 하나 지정해 주세요. 예: meetingbot eval-drafting samples/2020-09 --reference reference.txt");
        }

        var dir = args.Positional[0];
        var referenceFile = args.Required("reference", "참조 보고서(텍스트) 파일");
        if (!Directory.Exists(dir))
        {
            throw new MeetingBotException($"폴더를 찾을 수 없습니다: {dir}");
        }

        if (!File.Exists(referenceFile))
        {
            throw new MeetingBotException(DraftingCliText.NoReference(referenceFile));
        }

        var references = DraftEvaluation.ParseBullets(await File.ReadAllTextAsync(referenceFile, cancellationToken).ConfigureAwait(false));
        if (references.Count == 0)
        {
            throw new MeetingBotException(DraftingCliText.NoReferenceBullets(referenceFile));
        }

        await using var host = VerbHost.Open(args);
        var (drafters, skipped) = Choose(host.Configuration, args.Option("drafting"));
        try
        {
            var replay = await SimulateCommand.ReplayAsync(dir, host.Timebox, stderr, cancellationToken).ConfigureAwait(false);
            var entries = replay.Records
                .SelectMany(r => r.Entries)
                .Where(e => !e.Withdrawn && e.Kind != EntryKind.Decision)
                .ToList();

            var rows = new List<string> { DraftingCliText.Row(DraftingCliText.Baseline, DraftEvaluation.Score(entries.Select(e => Baseline(e.Text)).ToList(), references)) };
            var summaries = new List<string>();
            foreach (var drafter in drafters)
            {
                var report = await new ReportBuilder(drafter).BuildAsync(replay.Records, cancellationToken).ConfigureAwait(false);
                var drafts = report.Items.SelectMany(i => i.Opinions).Select(o => o.Text).ToList();
                rows.Add(DraftingCliText.Row(drafter.Name, DraftEvaluation.Score(drafts, references)));
                if (drafter.Name != RuleDrafter.DrafterName && report.Usage is { } usage)
                {
                    summaries.Add(DraftingCliText.Summary(report, usage));
                }
            }

            await stdout.WriteLineAsync(DraftingCliText.Title(dir, referenceFile, references.Count, entries.Count)).ConfigureAwait(false);
            await stdout.WriteLineAsync().ConfigureAwait(false);
            await stdout.WriteLineAsync(DraftingCliText.EvalHeader).ConfigureAwait(false);
            foreach (var line in rows)
            {
                await stdout.WriteLineAsync(line).ConfigureAwait(false);
            }

            await stdout.WriteLineAsync().ConfigureAwait(false);
            foreach (var line in summaries.Concat(skipped).Append(DraftingCliText.Legend(DraftEvaluation.CoverageThreshold)))
            {
                await stdout.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var drafter in drafters.OfType<IDisposable>())
            {
                drafter.Dispose();
            }
        }

        return CommandLine.Ok;
    }

    /// <summary>What the naive baseline did to a remark: nothing but 합니다 → 함.</summary>
    public static string Baseline(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("합니다", "함", StringComparison.Ordinal);
    }

    private static (IReadOnlyList<IOpinionDrafter> Drafters, IReadOnlyList<string> Skipped) Choose(IConfiguration settings, string? only)
    {
        if (only is not null)
        {
            return ([Drafters.Create(settings, only)], []);
        }

        // Without an endpoint Azure OpenAI is simply not in use; with one, every other missing setting is named.
        var azure = Drafters.AzureOptions(settings);
        var problems = string.IsNullOrWhiteSpace(azure.Endpoint) ? [AzureOpenAIDraftingText.NotSet(nameof(azure.Endpoint))] : azure.Problems();
        if (problems.Count > 0)
        {
            return ([new RuleDrafter()], [DraftingCliText.Skipped(AzureOpenAIDrafter.DrafterName, problems)]);
        }

        return ([new RuleDrafter(), Drafters.Create(settings, AzureOpenAIDrafter.DrafterName)], []);
    }
}
