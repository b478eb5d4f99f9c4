namespace MeetingBot.Core.Transcripts;

/// <summary>Where a meeting's stored transcript stands: still being asked for, collected, or given up on.</summary>
public enum TranscriptStatus
{
    Pending,
    Collected,
    GaveUp,
}

/// <summary>How one attempt to collect a transcript ended.</summary>
public enum TranscriptAttemptOutcome
{
    /// <summary>The platform has not made it yet (404, an empty list, a transcript still being written).</summary>
    NotReady,

    /// <summary>429: the platform asked to wait; the next attempt waits at least what Retry-After said.</summary>
    Throttled,

    /// <summary>401/403: the app lacks a permission; the reason names it.</summary>
    Refused,

    /// <summary>Anything else (5xx after retries, no connection, a bad answer).</summary>
    Failed,

    Collected,

    /// <summary>The last attempt the give-up time allowed was not a success: nothing more is asked.</summary>
    GaveUp,

    /// <summary>Not an attempt: the retention time passed and the cues and attendance were deleted (nothing is asked again).</summary>
    Deleted,
}

/// <summary>One attempt: when, how it ended, and why in Korean (what staff read).</summary>
public sealed record TranscriptAttempt(DateTimeOffset At, TranscriptAttemptOutcome Outcome, string Reason);

/// <summary>
/// What the bot holds of one meeting's spoken record (SPEC §9): where it came from (<see cref="Source"/>: <c>graph</c>,
/// <c>meet</c>, <c>upload</c>, <c>import</c>), the cues and attendance once collected, and every attempt. Attempt state
/// is data, so a restarted host resumes at <see cref="NextAttemptAt"/> instead of starting over.
/// </summary>
public sealed record StoredTranscript
{
    public required string MeetingId { get; init; }
    public required string Source { get; init; }
    public TranscriptStatus Status { get; init; } = TranscriptStatus.Pending;

    /// <summary>When the collector asks next; null once collected or given up.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>
    /// Set by <c>import --accept-candidates</c>: a report made of this meeting accepts every non-duplicate candidate at
    /// once, as staff would, each in the report's history.
    /// </summary>
    public bool AcceptCandidates { get; init; }

    public IReadOnlyList<TranscriptCue> Cues { get; init; } = [];
    public IReadOnlyList<AttendanceRecord> Attendance { get; init; } = [];
    public IReadOnlyList<TranscriptAttempt> Attempts { get; init; } = [];
    public required DateTimeOffset UpdatedAt { get; init; }

    public MeetingTranscript Transcript => new(Cues, Attendance);
}

/// <summary>The narrow port of stored transcripts: read one meeting's, replace it whole.</summary>
public interface ITranscriptStore
{
    Task<StoredTranscript?> GetTranscriptAsync(string meetingId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the meeting's transcript, cues, attendance and attempts together, with the staff notices the change causes
    /// in the outbox of the same commit (<see cref="IOutboxStore"/>); returns once durable.
    /// </summary>
    Task SaveTranscriptAsync(StoredTranscript transcript, IReadOnlyList<OutboundMessage>? outbox = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// A platform answered but would not give the transcript: throttled (<see cref="RetryAfter"/> what it asked),
/// refused (the message names the missing permission) or failed. The message is Korean, for staff.
/// </summary>
public sealed class TranscriptFetchException : Exception
{
    public TranscriptFetchException(string message, TranscriptAttemptOutcome outcome, TimeSpan? retryAfter = null)
        : base(message)
    {
        Outcome = outcome;
        RetryAfter = retryAfter;
    }

    public TranscriptFetchException()
    {
    }

    public TranscriptFetchException(string message)
        : base(message)
    {
    }

    public TranscriptFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TranscriptAttemptOutcome Outcome { get; } = TranscriptAttemptOutcome.Failed;

    public TimeSpan? RetryAfter { get; }
}
