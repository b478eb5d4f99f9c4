using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using Microsoft.Data.Sqlite;

namespace MeetingBot.Storage;

/// <summary>
/// Each meeting's spoken record (SPEC §9): the collector's state (source, status, when to ask next), the cues and the
/// attendance in their order, and every attempt. A save replaces them together, in one commit.
/// </summary>
public sealed partial class SqliteMeetingStore : ITranscriptStore
{
    public Task<StoredTranscript?> GetTranscriptAsync(string meetingId, CancellationToken cancellationToken = default) =>
        WithLockAsync(async () =>
        {
            using var head = Command("SELECT source, status, next_attempt_at, updated_at, accept_candidates FROM transcripts WHERE meeting_id = $m");
            head.Parameters.AddWithValue("$m", meetingId);
            string source, status;
            DateTimeOffset? next;
            DateTimeOffset updated;
            bool accept;
            using (var reader = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                (source, status, next, updated, accept) = (reader.GetString(0), reader.GetString(1), Instant(reader, 2), Millis(reader, 3), reader.GetInt32(4) != 0);
            }

            var cues = await ReadAllAsync(
                "SELECT cue_id, speaker, speaker_id, start_at, end_at, text FROM transcript_cues WHERE meeting_id = $m ORDER BY position",
                meetingId,
                r => new TranscriptCue(r.GetString(0), r.GetString(1), Millis(r, 3), Millis(r, 4), r.GetString(5), r.IsDBNull(2) ? null : r.GetString(2)),
                cancellationToken).ConfigureAwait(false);
            var attendance = await ReadAllAsync(
                "SELECT name, user_id, presence_ms FROM transcript_attendance WHERE meeting_id = $m ORDER BY position",
                meetingId,
                r => new AttendanceRecord(r.GetString(0), TimeSpan.FromMilliseconds(r.GetInt64(2)), r.IsDBNull(1) ? null : r.GetString(1)),
                cancellationToken).ConfigureAwait(false);
            var attempts = await ReadAllAsync(
                "SELECT at, outcome, reason FROM transcript_attempts WHERE meeting_id = $m ORDER BY number",
                meetingId,
                r => new TranscriptAttempt(Millis(r, 0), Enum.Parse<TranscriptAttemptOutcome>(r.GetString(1)), r.GetString(2)),
                cancellationToken).ConfigureAwait(false);
            return new StoredTranscript
            {
                MeetingId = meetingId,
                Source = source,
                Status = Enum.Parse<TranscriptStatus>(status),
                NextAttemptAt = next,
                AcceptCandidates = accept,
                Cues = cues,
                Attendance = attendance,
                Attempts = attempts,
                UpdatedAt = updated,
            };
        }, cancellationToken);

    public async Task SaveTranscriptAsync(StoredTranscript transcript, IReadOnlyList<OutboundMessage>? outbox = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        await WithLockAsync(async () =>
        {
            BeginBatch();
            var outboxStaged = _outboxStaged;
            await ExecAsync("SAVEPOINT transcript", cancellationToken).ConfigureAwait(false);
            try
            {
                await WriteTranscriptAsync(transcript, cancellationToken).ConfigureAwait(false);
                await AddToOutboxAsync(outbox ?? [], cancellationToken).ConfigureAwait(false);
                await ExecAsync("RELEASE transcript", cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await ExecAsync("ROLLBACK TO transcript; RELEASE transcript", CancellationToken.None).ConfigureAwait(false);
                _outboxStaged = outboxStaged;
                throw;
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteTranscriptAsync(StoredTranscript t, CancellationToken cancellationToken)
    {
        using (var upsert = Command("""
            INSERT INTO transcripts(meeting_id, source, status, next_attempt_at, accept_candidates, updated_at) VALUES ($m, $src, $s, $next, $acc, $at)
            ON CONFLICT(meeting_id) DO UPDATE SET source = excluded.source, status = excluded.status,
                next_attempt_at = excluded.next_attempt_at, accept_candidates = excluded.accept_candidates, updated_at = excluded.updated_at
            """))
        {
            upsert.Parameters.AddWithValue("$m", t.MeetingId);
            upsert.Parameters.AddWithValue("$src", t.Source);
            upsert.Parameters.AddWithValue("$s", t.Status.ToString());
            upsert.Parameters.AddWithValue("$next", Millis(t.NextAttemptAt));
            upsert.Parameters.AddWithValue("$acc", t.AcceptCandidates ? 1 : 0);
            upsert.Parameters.AddWithValue("$at", t.UpdatedAt.ToUnixTimeMilliseconds());
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var table in (string[])["transcript_cues", "transcript_attendance", "transcript_attempts"])
        {
            using var delete = Command($"DELETE FROM {table} WHERE meeting_id = $m");
            delete.Parameters.AddWithValue("$m", t.MeetingId);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await InsertAllAsync(
            "INSERT INTO transcript_cues(meeting_id, position, cue_id, speaker, speaker_id, start_at, end_at, text) VALUES ($m, $n, $a, $b, $c, $d, $e, $f)",
            t.MeetingId,
            t.Cues.Select(c => new object?[] { c.Id, c.SpeakerName, c.SpeakerId, c.Start.ToUnixTimeMilliseconds(), c.End.ToUnixTimeMilliseconds(), c.Text }),
            cancellationToken).ConfigureAwait(false);
        await InsertAllAsync(
            "INSERT INTO transcript_attendance(meeting_id, position, name, user_id, presence_ms) VALUES ($m, $n, $a, $b, $c)",
            t.MeetingId,
            t.Attendance.Select(a => new object?[] { a.Name, a.UserId, (long)a.Presence.TotalMilliseconds }),
            cancellationToken).ConfigureAwait(false);
        await InsertAllAsync(
            "INSERT INTO transcript_attempts(meeting_id, number, at, outcome, reason) VALUES ($m, $n, $a, $b, $c)",
            t.MeetingId,
            t.Attempts.Select(a => new object?[] { a.At.ToUnixTimeMilliseconds(), a.Outcome.ToString(), a.Reason }),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One row per value list: <c>$m</c> the meeting, <c>$n</c> the 1-based position, then <c>$a</c>, <c>$b</c>… in order.</summary>
    private async Task InsertAllAsync(string sql, string meetingId, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var position = 0;
        foreach (var row in rows)
        {
            using var insert = Command(sql);
            insert.Parameters.AddWithValue("$m", meetingId);
            insert.Parameters.AddWithValue("$n", ++position);
            for (var i = 0; i < row.Length; i++)
            {
                insert.Parameters.AddWithValue("$" + (char)('a' + i), row[i] ?? DBNull.Value);
            }

            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every row of a query on one meeting (<c>$m</c>), in the query's order; called under the lock.</summary>
    private async Task<IReadOnlyList<T>> ReadAllAsync<T>(string sql, string meetingId, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        using var cmd = Command(sql);
        cmd.Parameters.AddWithValue("$m", meetingId);
        using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(read(reader));
        }

        return list;
    }

    private static DateTimeOffset Millis(SqliteDataReader r, int column) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(column));
}
