using MeetingBot.Core;

namespace MeetingBot.Reports;

/// <summary>
/// The result report (결과 보고) as data: what <c>report.json</c> serialises and what the layout is built from.
/// Every captured, non-withdrawn entry appears in exactly one item's <see cref="ReportItem.Opinions"/> or
/// <see cref="ReportItem.Decisions"/> (SPEC §5).
/// </summary>
public sealed record Report
{
    public required string Title { get; init; }
    public required IReadOnlyList<ReportMeeting> Meetings { get; init; }
    public required IReadOnlyList<ReportItem> Items { get; init; }

    /// <summary>The drafter the report was built with and the tokens it spent, summed over the items.</summary>
    public ReportUsage? Usage { get; init; }

    /// <summary>The photos of Ⅲ 회의 사진, printed in the order of the meetings in Ⅰ and, within a meeting, in this order.</summary>
    public IReadOnlyList<ReportPhoto> Photos { get; init; } = [];

    /// <summary>
    /// A report of several meetings prints <c>(역량강화)</c> after each ▸ bullet, naming the 분과 it came from
    /// (SPEC §6 <c>markSubcommittee</c>; off by default, as in the reference).
    /// </summary>
    public bool MarkSubcommittee { get; init; }

    /// <summary>One meeting's agenda in time, from the report alone, so a report read back from report.json prints the same times.</summary>
    public AgendaTimeline Timeline(ReportMeeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return new AgendaTimeline(meeting.Start, meeting.ActualStart, meeting.End, [.. Items.Where(i => i.MeetingId == meeting.Id).Select(i => i.Timing)]);
    }
}

/// <summary>
/// A photo of Ⅲ 회의 사진. report.json names it (<see cref="FileName"/>, the meeting, the caption, the type) and the
/// report folder keeps the picture itself as <c>photos/{FileName}</c>.
/// </summary>
public sealed record ReportPhoto
{
    public required string FileName { get; init; }
    public required string MeetingId { get; init; }
    public required string Caption { get; init; }

    /// <summary><c>image/png</c> or <c>image/jpeg</c>, as the picture's own bytes say.</summary>
    public required string ContentType { get; init; }

    /// <summary>The picture; empty for a report read back from report.json alone.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The caption SPEC §6 prints unless staff wrote another: <c>전략사업분과회의</c>.</summary>
    public static string DefaultCaption(string subcommittee) => $"{subcommittee}분과회의";

    /// <summary>
    /// A photo from its bytes, its type read from them. Throws <see cref="MeetingBotException"/> (Korean, naming the
    /// file) when the bytes are no PNG or JPEG; <paramref name="fileName"/> must be a bare file name.
    /// </summary>
    public static ReportPhoto Create(string fileName, string meetingId, string caption, ReadOnlyMemory<byte> data)
    {
        if (!IsFileName(fileName))
        {
            throw new ArgumentException(ReportText.NotAFileName(fileName), nameof(fileName));
        }

        var info = ImageInfo.Read(data.Span) ?? throw new MeetingBotException(ReportText.NotAPicture(fileName));
        return new ReportPhoto { FileName = fileName, MeetingId = meetingId, Caption = caption, ContentType = info.ContentType, Data = data };
    }

    /// <summary>A name that stays inside the report's <c>photos/</c> folder: no folder part, nothing a file system refuses.</summary>
    public static bool IsFileName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name is not ("." or "..") && name.IndexOfAny(['/', '\\', ':', '\0']) < 0 &&
        name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;
}

/// <summary>Drafting cost of one report: what <c>drafting</c> in report.json records.</summary>
public sealed record ReportUsage(string Provider, long PromptTokens, long CompletionTokens);

public sealed record ReportMeeting
{
    public required string Id { get; init; }
    public required string Council { get; init; }
    public required string Subcommittee { get; init; }
    public required string Title { get; init; }
    public required string TimeZoneId { get; init; }
    public required DateTimeOffset Start { get; init; }

    /// <summary>When the meeting actually ended; null when it never ended (e.g. a replay without <c>/종료</c>).</summary>
    public DateTimeOffset? End { get; init; }

    public DateTimeOffset? ActualStart { get; init; }

    /// <summary>When capture was stopped (<c>/기록중지</c> … <c>/기록재개</c>, SPEC §9): nothing typed or spoken then is in the report.</summary>
    public IReadOnlyList<CaptureStop> CaptureStops { get; init; } = [];

    public string Place { get; init; } = "";
    public string Platform { get; init; } = "";
    public string? Purpose { get; init; }
    public required IReadOnlyList<string> CivilNames { get; init; }
    public required IReadOnlyList<string> AdminNames { get; init; }

    /// <summary>
    /// When attendance is known (SPEC §9): the names above are who attended, and <see cref="Quorum"/> is the 정족수 line
    /// of a meeting file that sets <c>quorum</c> (<c>정족수: 참석 5명 / 정족수 4명 — 충족</c>).
    /// </summary>
    public string? Quorum { get; init; }

    public int CivilCount => CivilNames.Count;
    public int AdminCount => AdminNames.Count;
}

public sealed record ReportItem
{
    public required string MeetingId { get; init; }
    public required int Index { get; init; }
    public required string Section { get; init; }
    public required string Title { get; init; }
    public string? Topic { get; init; }
    public string? Lead { get; init; }

    /// <summary>Planned and actual times, as the chat and the staff page print them too.</summary>
    public required TimelineItem Timing { get; init; }

    public IReadOnlyList<string> Content { get; init; } = [];
    public ContentTable? Table { get; init; }
    public IReadOnlyList<ReportOpinion> Opinions { get; init; } = [];
    public IReadOnlyList<ReportDecision> Decisions { get; init; } = [];

    /// <summary>Which drafter wrote the opinions (<c>rules</c> or <c>azure-openai</c>) and what its guards changed.</summary>
    public string Drafter { get; init; } = "rules";
    public IReadOnlyList<string> GuardNotes { get; init; } = [];

    /// <summary>Items with no content, entries or decisions stay out of Ⅱ, as 안내 and 마무리 do in the reference.</summary>
    public bool IsDiscussed => Content.Count > 0 || Table is not null || Opinions.Count > 0 || Decisions.Count > 0;
}

public sealed record ReportOpinion
{
    /// <summary>The bullet's stable id in a report under review (<c>b3</c>); null in a report that was never reviewed.</summary>
    public string? Id { get; init; }

    public required string Text { get; init; }
    public required EntryKind Kind { get; init; }
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>The members' own words, kept beside the formal text.</summary>
    public IReadOnlyList<string> Originals { get; init; } = [];

    /// <summary>Author names; printed only when the meeting sets <c>attributeOpinions</c>.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];
}

public sealed record ReportDecision
{
    /// <summary>The bullet's stable id in a report under review; null in a report that was never reviewed.</summary>
    public string? Id { get; init; }

    public required string Text { get; init; }
    public required IReadOnlyList<string> Sources { get; init; }
}
