namespace MeetingBot.Core;

/// <summary>
/// A report under staff review as the store keeps it: its state is opaque text (Reports writes and reads it), its
/// revision the optimistic-concurrency counter every change is checked against.
/// </summary>
public sealed record StoredReport(string Id, string Title, int Revision, string State, DateTimeOffset UpdatedAt);

/// <summary>One line of a report's history, numbered 1, 2, 3… per report in the order the changes were made.</summary>
public sealed record StoredReportChange(int Number, int Revision, string Kind, string Target, string? Before, string? After, string Who, DateTimeOffset At);

/// <summary>What one accepted staff request writes besides the new state: its history lines, a new photo, a new version's files.</summary>
public sealed record ReportWrite(IReadOnlyList<StoredReportChange> Changes)
{
    /// <summary>The picture of a photo this request added: its id and bytes.</summary>
    public (string PhotoId, byte[] Data)? Photo { get; init; }

    /// <summary>The files of the version this request approved: its number and format → bytes. Never replaced once written.</summary>
    public (int Version, IReadOnlyDictionary<string, byte[]> Files)? Version { get; init; }

    /// <summary>Messages this request causes (the approval notice), put in the outbox in the same commit (<see cref="IOutboxStore"/>).</summary>
    public IReadOnlyList<OutboundMessage> Outbox { get; init; } = [];
}

/// <summary>
/// The narrow port of reports under review (SPEC §8): create, read, change only from the revision the caller read,
/// and the history, photos and frozen versions beside them.
/// </summary>
public interface IReportRecordStore
{
    /// <summary>Stores a new report; false when its id is taken.</summary>
    Task<bool> CreateReportAsync(StoredReport report, CancellationToken cancellationToken = default);

    Task<StoredReport?> GetReportAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every report, newest first.</summary>
    Task<IReadOnlyList<StoredReport>> ListReportsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the report's state with <paramref name="report"/> and writes <paramref name="write"/>, all or nothing, only
    /// while the stored revision is still <paramref name="expectedRevision"/>; false (nothing written) when it is not.
    /// Returns once durable.
    /// </summary>
    Task<bool> SaveReportAsync(StoredReport report, int expectedRevision, ReportWrite write, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredReportChange>> GetReportHistoryAsync(string id, CancellationToken cancellationToken = default);

    Task<byte[]?> GetReportPhotoAsync(string id, string photoId, CancellationToken cancellationToken = default);

    /// <summary>The file of an approved version, or null when that version or format was never written.</summary>
    Task<byte[]?> GetReportVersionFileAsync(string id, int version, string format, CancellationToken cancellationToken = default);
}
