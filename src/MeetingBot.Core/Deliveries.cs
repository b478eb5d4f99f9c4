namespace MeetingBot.Core;

public enum DeliveryStatus
{
    /// <summary>Queued; nothing written yet.</summary>
    Pending,

    /// <summary>The report files are on disk; staff have not been told (yet, or no staff conversation is set).</summary>
    Written,

    /// <summary>Staff were told. Never sent again.</summary>
    Notified,

    /// <summary>Every attempt failed; the files, where written, stay on disk.</summary>
    Failed,
}

/// <summary>One try at delivering a meeting's report: when, and what went wrong (null when it succeeded).</summary>
public sealed record DeliveryAttempt(int Number, DateTimeOffset At, string? Error);

/// <summary>
/// The durable record of delivering one meeting's report draft to staff. <see cref="NotifiedAt"/> is set only after
/// the notice was sent, so a restart or a second end event never sends it twice.
/// </summary>
public sealed record DeliveryRecord
{
    public required string MeetingId { get; init; }
    public DeliveryStatus Status { get; init; } = DeliveryStatus.Pending;

    /// <summary>The folder holding <c>report.*</c>; null until written.</summary>
    public string? Folder { get; init; }

    /// <summary>Characters XML forbids that were replaced while writing the documents.</summary>
    public int ReplacedCharacters { get; init; }

    /// <summary>Why nothing more will happen although nothing failed (e.g. no staff conversation is configured).</summary>
    public string? Note { get; init; }

    public int Attempts => History.Count;
    public string? LastError => History.Count > 0 ? History[^1].Error : null;
    public IReadOnlyList<DeliveryAttempt> History { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? WrittenAt { get; init; }
    public DateTimeOffset? NotifiedAt { get; init; }
}
