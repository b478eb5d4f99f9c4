namespace MeetingBot.Core;

public enum EntryKind
{
    Opinion,
    Question,
    Proposal,
    Decision,
}

/// <summary>A tagged message captured into the meeting record. Numbered 1, 2, 3… per meeting.</summary>
public sealed record Entry
{
    public required string MeetingId { get; init; }
    public required int Number { get; init; }
    public required EntryKind Kind { get; init; }
    public required int ItemIndex { get; init; }
    public required string Text { get; init; }
    public required string AuthorName { get; init; }
    public string? AuthorId { get; init; }

    /// <summary>The platform message id the entry came from (report.json <c>sources</c>).</summary>
    public required string SourceId { get; init; }

    public required DateTimeOffset CapturedAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public bool Withdrawn { get; init; }
}
