using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeetingBot.Core;

namespace MeetingBot.Reports;

/// <summary><c>report.json</c> (SPEC §5): the report as data, times in each meeting's own time zone.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Korean stays readable; quotes, control characters and markup are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public const string ContentType = "application/json; charset=utf-8";

    public static void Write(Report report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        JsonSerializer.Serialize(output, ToDto(report), Options);
    }

    public static string Serialize(Report report) => JsonSerializer.Serialize(ToDto(report), Options);

    private static object ToDto(Report report)
    {
        var zones = report.Meetings.ToDictionary(m => m.Id, m => TimeZoneInfo.FindSystemTimeZoneById(m.TimeZoneId), StringComparer.Ordinal);
        DateTimeOffset? L(string meetingId, DateTimeOffset? t) => t is { } v ? TimeZoneInfo.ConvertTime(v, zones[meetingId]) : null;
        return new
        {
            title = report.Title,
            drafting = report.Usage is { } usage
                ? new { provider = usage.Provider, promptTokens = usage.PromptTokens, completionTokens = usage.CompletionTokens }
                : null,
            meetings = report.Meetings.Select(m => new
            {
                id = m.Id,
                council = m.Council,
                subcommittee = m.Subcommittee,
                title = m.Title,
                start = L(m.Id, m.Start),
                actualStart = L(m.Id, m.ActualStart),
                end = L(m.Id, m.End),
                timeZone = m.TimeZoneId,
                place = m.Place,
                platform = m.Platform,
                civilCount = m.CivilCount,
                adminCount = m.AdminCount,
            }),
            items = report.Items.Select(i => new
            {
                meetingId = i.MeetingId,
                index = i.Index,
                section = i.Section,
                topic = i.Topic,
                title = i.Title,
                lead = i.Lead,
                plannedMinutes = i.PlannedMinutes,
                extraMinutes = i.ExtraMinutes,
                plannedStart = L(i.MeetingId, i.PlannedStart),
                actualStart = L(i.MeetingId, i.ActualStart),
                actualEnd = L(i.MeetingId, i.ActualEnd),
                usedMinutes = Math.Round(i.Used.TotalMinutes, 2),
                overrunMinutes = Math.Round(i.Overrun.TotalMinutes, 2),
                content = i.Content,
                table = i.Table,
                drafter = i.Drafter,
                guardNotes = i.GuardNotes,
                opinions = i.Opinions.Select(o => new
                {
                    text = o.Text,
                    kind = o.Kind,
                    sources = o.Sources,
                    originals = o.Originals,
                    authors = o.Authors.Count > 0 ? o.Authors : null,
                }),
                decisions = i.Decisions.Select(d => new { text = d.Text, sources = d.Sources }),
            }),
        };
    }

    /// <summary>Every source id the report cites, per meeting: what "nothing lost, nothing invented" is checked against.</summary>
    public static IEnumerable<(string MeetingId, string Source, EntryKind? Kind)> Sources(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var item in report.Items)
        {
            foreach (var o in item.Opinions)
            {
                foreach (var s in o.Sources)
                {
                    yield return (item.MeetingId, s, o.Kind);
                }
            }

            foreach (var d in item.Decisions)
            {
                foreach (var s in d.Sources)
                {
                    yield return (item.MeetingId, s, EntryKind.Decision);
                }
            }
        }
    }
}
