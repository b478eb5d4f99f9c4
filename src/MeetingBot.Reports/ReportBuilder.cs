using System.Text.RegularExpressions;
using MeetingBot.Core;
using MeetingBot.Reports.Drafting;

namespace MeetingBot.Reports;

/// <summary>Builds the report model from stored meeting records; the drafter writes each item's ▸ bullets.</summary>
public sealed partial class ReportBuilder(IOpinionDrafter drafter)
{
    public async Task<Report> BuildAsync(IReadOnlyList<MeetingRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            throw new MeetingBotException("보고서를 만들 회의가 없습니다.");
        }

        var ordered = records.OrderBy(r => r.Definition.Start).ThenBy(r => r.Definition.Id, StringComparer.Ordinal).ToList();
        var items = new List<ReportItem>();
        foreach (var record in ordered)
        {
            foreach (var agendaItem in record.Definition.Agenda)
            {
                items.Add(await BuildItemAsync(record, agendaItem, cancellationToken).ConfigureAwait(false));
            }
        }

        return new Report
        {
            Title = TitleFor(ordered.Select(r => r.Definition).ToList()),
            Meetings = ordered.Select(ToMeeting).ToList(),
            Items = items,
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
            Place = m.Place,
            Platform = m.Platform,
            Purpose = m.Purpose,
            CivilNames = m.Participants.Where(p => p.Sector == Sector.Civil).Select(p => p.Name).ToList(),
            AdminNames = m.Participants.Where(p => p.Sector == Sector.Admin).Select(p => p.Name).ToList(),
        };
    }

    private async Task<ReportItem> BuildItemAsync(MeetingRecord record, AgendaItem agendaItem, CancellationToken cancellationToken)
    {
        var meeting = record.Definition;
        var timing = record.Runtime.Timing(agendaItem.Index);
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
            draft = await drafter.DraftAsync(
                new DraftRequest(meeting.Id, agendaItem.Index, agendaItem.Title, agendaItem.Content, opinionSources),
                cancellationToken).ConfigureAwait(false);
        }

        var opinions = draft?.Opinions ?? [];
        if (!meeting.AttributeOpinions)
        {
            opinions = opinions.Select(o => o with { Authors = [] }).ToList();
        }

        return new ReportItem
        {
            MeetingId = meeting.Id,
            Index = agendaItem.Index,
            Section = agendaItem.Section,
            Title = agendaItem.Title,
            Topic = agendaItem.Topic,
            Lead = agendaItem.Lead,
            PlannedMinutes = agendaItem.Minutes,
            ExtraMinutes = timing.ExtraMinutes,
            PlannedStart = meeting.PlannedStartOf(agendaItem.Index),
            ActualStart = timing.ActualStart,
            ActualEnd = timing.ActualEnd,
            Used = timing.Used,
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
    }

    /// <summary>A decision is printed as the chair wrote it, on one line, without a closing period.</summary>
    private static string DecisionText(string text) => Spaces().Replace(text, " ").Trim().TrimEnd('.');

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
