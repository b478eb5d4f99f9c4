using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeetingBot.Core;

namespace MeetingBot.Reports;

/// <summary>
/// <c>report.json</c> (SPEC §5): the report as data, times in each meeting's own time zone. It holds everything the
/// layout is built from, so <see cref="Read"/> gives back the report a delivered file was written from — except the
/// photos' bytes, which the report folder keeps as <c>photos/{fileName}</c> (<see cref="ReportFiles.ReadPhotosAsync"/>).
/// A combined report lists every meeting's items, each with its <c>meetingId</c>: the layout prints a shared item once,
/// the data keeps each meeting's own.
/// </summary>
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

    /// <summary>
    /// Reads what <see cref="Write"/> wrote back into the report. Throws <see cref="JsonException"/> when the file is not
    /// such a report (damaged, or written before it held every field) and <see cref="TimeZoneNotFoundException"/> when a
    /// meeting's time zone is unknown here.
    /// </summary>
    public static Report Read(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var dto = JsonSerializer.Deserialize<ReportDto>(input, Options) ?? throw new JsonException("report.json is empty (null).");
        foreach (var meeting in dto.Meetings)
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(meeting.TimeZone);
        }

        foreach (var photo in dto.Photos.Where(p => !ReportPhoto.IsFileName(p.FileName)))
        {
            throw new JsonException($"report.json names a photo outside its photos folder: {photo.FileName}");
        }

        return new Report
        {
            Title = dto.Title,
            Usage = dto.Drafting is { } d ? new ReportUsage(d.Provider, d.PromptTokens, d.CompletionTokens) : null,
            MarkSubcommittee = dto.MarkSubcommittee ?? false,
            Photos = [.. dto.Photos.Select(p => new ReportPhoto { FileName = p.FileName, MeetingId = p.MeetingId, Caption = p.Caption, ContentType = p.ContentType })],
            Meetings = dto.Meetings.Select(m => new ReportMeeting
            {
                Id = m.Id,
                Council = m.Council,
                Subcommittee = m.Subcommittee,
                Title = m.Title,
                TimeZoneId = m.TimeZone,
                Start = m.Start,
                ActualStart = m.ActualStart,
                End = m.End,
                CaptureStops = [.. (m.CaptureStops ?? []).Select(c => new CaptureStop(c.Start, c.End))],
                Place = m.Place,
                Platform = m.Platform,
                Purpose = m.Purpose,
                CivilNames = m.CivilNames,
                AdminNames = m.AdminNames,
                Quorum = m.Quorum,
            }).ToList(),
            Items = dto.Items.Select(i => new ReportItem
            {
                MeetingId = i.MeetingId,
                Index = i.Index,
                Section = i.Section,
                Title = i.Title,
                Topic = i.Topic,
                Lead = i.Lead,
                Timing = new TimelineItem
                {
                    Index = i.Index,
                    PlannedStart = i.PlannedStart,
                    PlannedMinutes = i.PlannedMinutes,
                    ExtraMinutes = i.ExtraMinutes,
                    Visits = i.Visits is { } visits
                        ? [.. visits.Select(v => new ItemVisit(i.Index, v.Start, v.End))]
                        : i.ActualStart is { } start ? [new ItemVisit(i.Index, start, i.ActualEnd)] : [],
                    Used = i.Used,
                },
                Content = i.Content,
                Table = i.Table,
                Drafter = i.Drafter,
                GuardNotes = i.GuardNotes,
                Opinions = i.Opinions.Select(o => new ReportOpinion
                {
                    Id = o.Id,
                    Text = o.Text,
                    Kind = o.Kind,
                    Sources = o.Sources,
                    Originals = o.Originals,
                    Authors = o.Authors ?? [],
                }).ToList(),
                Decisions = i.Decisions,
            }).ToList(),
        };
    }

    /// <summary>The file's one shape: what <see cref="Write"/> writes is what <see cref="Read"/> reads.</summary>
    private static ReportDto ToDto(Report report)
    {
        var zones = report.Meetings.ToDictionary(m => m.Id, m => TimeZoneInfo.FindSystemTimeZoneById(m.TimeZoneId), StringComparer.Ordinal);
        DateTimeOffset Local(string meetingId, DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zones[meetingId]);
        DateTimeOffset? LocalOrNull(string meetingId, DateTimeOffset? t) => t is { } v ? Local(meetingId, v) : null;
        return new ReportDto
        {
            Title = report.Title,
            Drafting = report.Usage is { } usage ? new UsageDto(usage.Provider, usage.PromptTokens, usage.CompletionTokens) : null,
            MarkSubcommittee = report.MarkSubcommittee ? true : null,
            Photos = [.. report.Photos.Select(p => new PhotoDto(p.FileName, p.MeetingId, p.Caption, p.ContentType))],
            Meetings = [.. report.Meetings.Select(m => new MeetingDto
            {
                Id = m.Id,
                Council = m.Council,
                Subcommittee = m.Subcommittee,
                Title = m.Title,
                Start = Local(m.Id, m.Start),
                ActualStart = LocalOrNull(m.Id, m.ActualStart),
                End = LocalOrNull(m.Id, m.End),
                CaptureStops = m.CaptureStops.Count == 0 ? null : [.. m.CaptureStops.Select(c => new CaptureStopDto(Local(m.Id, c.Start), LocalOrNull(m.Id, c.End)))],
                TimeZone = m.TimeZoneId,
                Place = m.Place,
                Platform = m.Platform,
                Purpose = m.Purpose,
                CivilCount = m.CivilCount,
                AdminCount = m.AdminCount,
                CivilNames = m.CivilNames,
                AdminNames = m.AdminNames,
                Quorum = m.Quorum,
            })],
            Items = [.. report.Items.Select(i => new ItemDto
            {
                MeetingId = i.MeetingId,
                Index = i.Index,
                Section = i.Section,
                Topic = i.Topic,
                Title = i.Title,
                Lead = i.Lead,
                PlannedMinutes = i.Timing.PlannedMinutes,
                ExtraMinutes = i.Timing.ExtraMinutes,
                PlannedStart = Local(i.MeetingId, i.Timing.PlannedStart),
                ActualStart = LocalOrNull(i.MeetingId, i.Timing.ActualStart),
                ActualEnd = LocalOrNull(i.MeetingId, i.Timing.ActualEnd),
                Visits = i.Timing.Visits.Count > 1
                    ? [.. i.Timing.Visits.Select(v => new VisitDto(Local(i.MeetingId, v.Start), LocalOrNull(i.MeetingId, v.End)))]
                    : null,
                UsedMinutes = Math.Round(i.Timing.Used.TotalMinutes, 2),
                Used = i.Timing.Used,
                OverrunMinutes = Math.Round(i.Timing.Overrun.TotalMinutes, 2),
                Content = i.Content,
                Table = i.Table,
                Drafter = i.Drafter,
                GuardNotes = i.GuardNotes,
                Opinions = [.. i.Opinions.Select(o => new OpinionDto
                {
                    Id = o.Id,
                    Text = o.Text,
                    Kind = o.Kind,
                    Sources = o.Sources,
                    Originals = o.Originals,
                    Authors = o.Authors.Count > 0 ? o.Authors : null,
                })],
                Decisions = i.Decisions,
            })],
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

    private sealed record ReportDto
    {
        public required string Title { get; init; }
        public UsageDto? Drafting { get; init; }

        /// <summary>Written only when on, so reports that never set it read as before.</summary>
        public bool? MarkSubcommittee { get; init; }

        public required IReadOnlyList<MeetingDto> Meetings { get; init; }
        public required IReadOnlyList<ItemDto> Items { get; init; }

        /// <summary>What each photo is, not its bytes: those are <c>photos/{fileName}</c> beside report.json.</summary>
        public IReadOnlyList<PhotoDto> Photos { get; init; } = [];
    }

    private sealed record PhotoDto(string FileName, string MeetingId, string Caption, string ContentType);

    private sealed record CaptureStopDto(DateTimeOffset Start, DateTimeOffset? End);

    private sealed record UsageDto(string Provider, long PromptTokens, long CompletionTokens);

    private sealed record MeetingDto
    {
        public required string Id { get; init; }
        public required string Council { get; init; }
        public required string Subcommittee { get; init; }
        public required string Title { get; init; }
        public required DateTimeOffset Start { get; init; }
        public DateTimeOffset? ActualStart { get; init; }
        public DateTimeOffset? End { get; init; }

        /// <summary>When capture was stopped; absent when it never was, and in a report.json written before it could be.</summary>
        public IReadOnlyList<CaptureStopDto>? CaptureStops { get; init; }

        public required string TimeZone { get; init; }
        public string Place { get; init; } = "";
        public string Platform { get; init; } = "";
        public string? Purpose { get; init; }

        /// <summary>Written for outside tools; derived from the names when read.</summary>
        public int CivilCount { get; init; }

        /// <summary>Written for outside tools; derived from the names when read.</summary>
        public int AdminCount { get; init; }

        public required IReadOnlyList<string> CivilNames { get; init; }
        public required IReadOnlyList<string> AdminNames { get; init; }
        public string? Quorum { get; init; }
    }

    private sealed record ItemDto
    {
        public required string MeetingId { get; init; }
        public required int Index { get; init; }
        public required string Section { get; init; }
        public string? Topic { get; init; }
        public required string Title { get; init; }
        public string? Lead { get; init; }
        public required int PlannedMinutes { get; init; }
        public int ExtraMinutes { get; init; }
        public required DateTimeOffset PlannedStart { get; init; }
        public DateTimeOffset? ActualStart { get; init; }
        public DateTimeOffset? ActualEnd { get; init; }

        /// <summary>
        /// Each time the item was open, written only when it was opened more than once; otherwise
        /// <see cref="ActualStart"/>~<see cref="ActualEnd"/> is its one visit.
        /// </summary>
        public IReadOnlyList<VisitDto>? Visits { get; init; }

        /// <summary>Written for outside tools (exact minutes, to two places); <see cref="Used"/> is what is read.</summary>
        public double UsedMinutes { get; init; }

        public required TimeSpan Used { get; init; }

        /// <summary>Written for outside tools; derived from the timings when read.</summary>
        public double OverrunMinutes { get; init; }

        public IReadOnlyList<string> Content { get; init; } = [];
        public ContentTable? Table { get; init; }
        public required string Drafter { get; init; }
        public IReadOnlyList<string> GuardNotes { get; init; } = [];
        public IReadOnlyList<OpinionDto> Opinions { get; init; } = [];
        public IReadOnlyList<ReportDecision> Decisions { get; init; } = [];
    }

    private sealed record VisitDto(DateTimeOffset Start, DateTimeOffset? End);

    private sealed record OpinionDto
    {
        public string? Id { get; init; }
        public required string Text { get; init; }
        public required EntryKind Kind { get; init; }
        public required IReadOnlyList<string> Sources { get; init; }
        public IReadOnlyList<string> Originals { get; init; } = [];
        public IReadOnlyList<string>? Authors { get; init; }
    }
}
