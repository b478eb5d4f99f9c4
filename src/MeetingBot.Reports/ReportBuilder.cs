using System.Text.RegularExpressions;
using MeetingBot.Core;
using MeetingBot.Reports.Drafting;

namespace MeetingBot.Reports;

/// <summary>
/// Builds the report model from stored meeting records; the drafter writes each item's ▸ bullets. Items are
/// drafted concurrently up to the drafter's limit and kept in agenda order. Whatever happens to the drafter —
/// the report's time budget runs out, or it fails in a way it did not handle itself — the item's entries are
/// still written, by the rules.
/// </summary>
public sealed partial class ReportBuilder(IOpinionDrafter drafter, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<Report> BuildAsync(IReadOnlyList<MeetingRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            throw new MeetingBotException("보고서를 만들 회의가 없습니다.");
        }

        var ordered = records.OrderBy(r => r.Definition.Start).ThenBy(r => r.Definition.Id, StringComparer.Ordinal).ToList();
        var limits = drafter.Limits;
        using var budget = limits.ReportBudget is { } b ? new CancellationTokenSource(b, _time) : new CancellationTokenSource();
        using var drafting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        using var gate = new SemaphoreSlim(Math.Max(1, limits.MaxConcurrency));
        var context = new DraftingContext(gate, drafting.Token, cancellationToken);
        var built = await Task.WhenAll(ordered
            .SelectMany(record =>
            {
                var timeline = AgendaTimeline.Of(record.Definition, record.Runtime);
                return record.Definition.Agenda.Select(agendaItem => BuildItemAsync(record, agendaItem, timeline.Item(agendaItem.Index), context));
            })
            .ToList()).ConfigureAwait(false);

        return new Report
        {
            Title = TitleFor(ordered.Select(r => r.Definition).ToList()),
            Meetings = ordered.Select(ToMeeting).ToList(),
            Items = built.Select(b => b.Item).ToList(),
            Usage = new ReportUsage(
                drafter.Name,
                built.Sum(b => b.Usage.PromptTokens),
                built.Sum(b => b.Usage.CompletionTokens)),
        };
    }

    /// <summary>The meetings' shared title, else <c>{council} 분과회의({month}월)</c>, followed by <c>개최 결과 보고</c>.</summary>
    public static string TitleFor(IReadOnlyList<MeetingDefinition> meetings)
    {
        var first = meetings[0];
        var title = meetings.All(m => m.Title == first.Title)
            ? first.Title
            : $"{first.Council} 분과회의({first.ToLocal(first.Start).Month}월)";
        return $"{title} 개최 결과 보고";
    }

    private static ReportMeeting ToMeeting(MeetingRecord record)
    {
        var m = record.Definition;
        return new ReportMeeting
        {
            Id = m.Id,
            Council = m.Council,
            Subcommittee = m.Subcommittee,
            Title = m.Title,
            TimeZoneId = m.TimeZoneId,
            Start = m.Start,
            ActualStart = record.Runtime.StartedAt,
            End = record.Runtime.EndedAt,
            CaptureStops = record.Runtime.CaptureStops,
            Place = m.Place,
            Platform = m.Platform,
            Purpose = m.Purpose,
            CivilNames = m.Participants.Where(p => p.Sector == Sector.Civil).Select(p => p.Name).ToList(),
            AdminNames = m.Participants.Where(p => p.Sector == Sector.Admin).Select(p => p.Name).ToList(),
        };
    }

    private async Task<(ReportItem Item, DraftUsage Usage)> BuildItemAsync(MeetingRecord record, AgendaItem agendaItem, TimelineItem timing, DraftingContext context)
    {
        var meeting = record.Definition;
        var live = record.Entries
            .Where(e => !e.Withdrawn && e.ItemIndex == agendaItem.Index)
            .OrderBy(e => e.Number)
            .ToList();
        var opinionSources = live
            .Where(e => e.Kind != EntryKind.Decision)
            .Select(e => new DraftSource(e.SourceId, e.Kind, e.Text, e.AuthorName))
            .ToList();

        DraftResult? draft = null;
        if (opinionSources.Count > 0)
        {
            draft = await DraftAsync(
                new DraftRequest(meeting.Id, agendaItem.Index, agendaItem.Title, agendaItem.Content, opinionSources),
                context).ConfigureAwait(false);
        }

        var opinions = draft?.Opinions ?? [];
        if (!meeting.AttributeOpinions)
        {
            opinions = opinions.Select(o => o with { Authors = [] }).ToList();
        }

        var item = new ReportItem
        {
            MeetingId = meeting.Id,
            Index = agendaItem.Index,
            Section = agendaItem.Section,
            Title = agendaItem.Title,
            Topic = agendaItem.Topic,
            Lead = agendaItem.Lead,
            Timing = timing,
            Content = agendaItem.Content,
            Table = agendaItem.Table,
            Opinions = opinions,
            Decisions = live
                .Where(e => e.Kind == EntryKind.Decision)
                .Select(e => new ReportDecision { Text = DecisionText(e.Text), Sources = [e.SourceId] })
                .ToList(),
            Drafter = draft?.Drafter ?? drafter.Name,
            GuardNotes = draft?.GuardNotes ?? [],
        };
        return (item, draft?.Usage ?? DraftUsage.None);
    }

    /// <summary>
    /// One item's entries drafted on their own (an accepted spoken remark, SPEC §9) with the same guards and fall-back as
    /// a report's: whatever the drafter does, the entries come back written, by the rules if need be.
    /// </summary>
    public async Task<DraftResult> DraftAsync(DraftRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var budget = drafter.Limits.ReportBudget is { } b ? new CancellationTokenSource(b, _time) : new CancellationTokenSource();
        using var drafting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        using var gate = new SemaphoreSlim(1);
        return await DraftAsync(request, new DraftingContext(gate, drafting.Token, cancellationToken)).ConfigureAwait(false);
    }

    private async Task<DraftResult> DraftAsync(DraftRequest request, DraftingContext context)
    {
        if (context.Drafting.IsCancellationRequested && !context.Caller.IsCancellationRequested)
        {
            return DraftGuards.FallBack(request, DraftGuardText.BudgetSpent);
        }

        await context.Gate.WaitAsync(context.Caller).ConfigureAwait(false);
        try
        {
            context.Drafting.ThrowIfCancellationRequested();
            return await drafter.DraftAsync(request, context.Drafting).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!context.Caller.IsCancellationRequested)
        {
            return DraftGuards.FallBack(request, DraftGuardText.BudgetSpent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && drafter.Name != RuleDrafter.DrafterName)
        {
            return DraftGuards.FallBack(request, DraftGuardText.DrafterFailed(ex.GetType().Name));
        }
        finally
        {
            context.Gate.Release();
        }
    }

    /// <param name="Drafting">Cancelled by the caller or when the report's drafting budget is spent.</param>
    private sealed record DraftingContext(SemaphoreSlim Gate, CancellationToken Drafting, CancellationToken Caller);

    /// <summary>A decision is printed as the chair wrote it, on one line, without a closing period.</summary>
    private static string DecisionText(string text) => Spaces().Replace(text, " ").Trim().TrimEnd('.');

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
