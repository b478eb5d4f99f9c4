using MeetingBot.Core;
using Microsoft.Data.Sqlite;

namespace MeetingBot.Storage;

/// <summary>The scheduler's table: calendar occurrences and the reminders, starts and notices already sent for them.</summary>
public sealed partial class SqliteMeetingStore
{
    private const string ScheduleColumns =
        "source, event_id, meeting_id, title, start_at, cancelled, chat_space, reminder_sent_for, started_for, notice_sent_for, updated_at";

    public Task<IReadOnlyList<ScheduledMeeting>> GetScheduleAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        WithLockAsync<IReadOnlyList<ScheduledMeeting>>(async () =>
        {
            using var cmd = Command($"SELECT {ScheduleColumns} FROM schedule WHERE start_at >= $since ORDER BY start_at, source, event_id");
            cmd.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
            using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<ScheduledMeeting>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(ReadScheduled(reader));
            }

            return list;
        }, cancellationToken);

    public async Task SaveScheduleAsync(ScheduledMeeting entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await WithLockAsync(async () =>
        {
            BeginBatch();
            await WriteScheduledAsync(entry, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);

        // The scheduler writes its "sent" markers before posting: they must be on disk before anything goes out.
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts or replaces one occurrence in the open batch (under the lock): alone, or with a commit's other rows.</summary>
    private async Task WriteScheduledAsync(ScheduledMeeting entry, CancellationToken cancellationToken)
    {
        using var cmd = Command($"""
            INSERT INTO schedule({ScheduleColumns}) VALUES ($src, $ev, $m, $title, $start, $cancelled, $space, $reminded, $started, $notice, $updated)
            ON CONFLICT(source, event_id) DO UPDATE SET meeting_id = excluded.meeting_id, title = excluded.title,
                start_at = excluded.start_at, cancelled = excluded.cancelled, chat_space = excluded.chat_space,
                reminder_sent_for = excluded.reminder_sent_for, started_for = excluded.started_for,
                notice_sent_for = excluded.notice_sent_for, updated_at = excluded.updated_at
            """);
        cmd.Parameters.AddWithValue("$src", entry.SourceName);
        cmd.Parameters.AddWithValue("$ev", entry.EventId);
        cmd.Parameters.AddWithValue("$m", entry.MeetingId);
        cmd.Parameters.AddWithValue("$title", entry.Title);
        cmd.Parameters.AddWithValue("$start", entry.Start.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$cancelled", entry.Cancelled ? 1 : 0);
        cmd.Parameters.AddWithValue("$space", (object?)entry.ChatSpace ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$reminded", Millis(entry.ReminderSentFor));
        cmd.Parameters.AddWithValue("$started", Millis(entry.StartedFor));
        cmd.Parameters.AddWithValue("$notice", Millis(entry.NoticeSentFor));
        cmd.Parameters.AddWithValue("$updated", entry.UpdatedAt.ToUnixTimeMilliseconds());
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static object Millis(DateTimeOffset? value) => value is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    private static DateTimeOffset? Instant(SqliteDataReader r, int column) =>
        r.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(column));

    private static ScheduledMeeting ReadScheduled(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
        r.GetInt32(5) != 0,
        r.IsDBNull(6) ? null : r.GetString(6),
        Instant(r, 7),
        Instant(r, 8),
        Instant(r, 9),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)));
}
