using MeetingBot.Core;
using Microsoft.Data.Sqlite;

namespace MeetingBot.Storage;

/// <summary>
/// Reports under staff review (SPEC §8): their state and revision, the history of every change, the photos' bytes and
/// each approved version's files as blobs. A save lands whole or not at all, and only on the revision it was made from.
/// </summary>
public sealed partial class SqliteMeetingStore
{
    public async Task<bool> CreateReportAsync(StoredReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var created = await WithLockAsync(async () =>
        {
            BeginBatch();
            using var cmd = Command("""
                INSERT INTO reports(id, title, revision, state, updated_at) VALUES ($id, $title, $rev, $state, $at)
                ON CONFLICT(id) DO NOTHING
                """);
            cmd.Parameters.AddWithValue("$id", report.Id);
            cmd.Parameters.AddWithValue("$title", report.Title);
            cmd.Parameters.AddWithValue("$rev", report.Revision);
            cmd.Parameters.AddWithValue("$state", report.State);
            cmd.Parameters.AddWithValue("$at", report.UpdatedAt.ToUnixTimeMilliseconds());
            return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);

        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return created;
    }

    public Task<StoredReport?> GetReportAsync(string id, CancellationToken cancellationToken = default) =>
        WithLockAsync(async () =>
        {
            using var cmd = Command("SELECT id, title, revision, state, updated_at FROM reports WHERE id = $id");
            cmd.Parameters.AddWithValue("$id", id);
            using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadReport(reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredReport>> ListReportsAsync(CancellationToken cancellationToken = default) =>
        WithLockAsync<IReadOnlyList<StoredReport>>(async () =>
        {
            using var cmd = Command("SELECT id, title, revision, state, updated_at FROM reports ORDER BY updated_at DESC, id");
            using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<StoredReport>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(ReadReport(reader));
            }

            return list;
        }, cancellationToken);

    public async Task<bool> SaveReportAsync(StoredReport report, int expectedRevision, ReportWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(write);
        var saved = await WithLockAsync(async () =>
        {
            BeginBatch();
            var outboxStaged = _outboxStaged;
            await ExecAsync("SAVEPOINT report", cancellationToken).ConfigureAwait(false);
            try
            {
                var done = await WriteReportAsync(report, expectedRevision, write, cancellationToken).ConfigureAwait(false);
                await ExecAsync(done ? "RELEASE report" : "ROLLBACK TO report; RELEASE report", cancellationToken).ConfigureAwait(false);
                if (!done)
                {
                    _outboxStaged = outboxStaged;
                }

                return done;
            }
            catch
            {
                await ExecAsync("ROLLBACK TO report; RELEASE report", CancellationToken.None).ConfigureAwait(false);
                _outboxStaged = outboxStaged;
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);

        if (saved)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return saved;
    }

    public Task<IReadOnlyList<StoredReportChange>> GetReportHistoryAsync(string id, CancellationToken cancellationToken = default) =>
        WithLockAsync<IReadOnlyList<StoredReportChange>>(async () =>
        {
            using var cmd = Command("SELECT number, revision, kind, target, before, after, who, at FROM report_changes WHERE report_id = $id ORDER BY number");
            cmd.Parameters.AddWithValue("$id", id);
            using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<StoredReportChange>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var before = await reader.IsDBNullAsync(4, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(4);
                var after = await reader.IsDBNullAsync(5, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(5);
                list.Add(new StoredReportChange(
                    reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), before, after,
                    reader.GetString(6), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7))));
            }

            return list;
        }, cancellationToken);

    public Task<byte[]?> GetReportPhotoAsync(string id, string photoId, CancellationToken cancellationToken = default) =>
        BlobAsync("SELECT data FROM report_photos WHERE report_id = $id AND photo_id = $p", id, ("$p", photoId), null, cancellationToken);

    public Task<byte[]?> GetReportVersionFileAsync(string id, int version, string format, CancellationToken cancellationToken = default) =>
        BlobAsync("SELECT content FROM report_versions WHERE report_id = $id AND version = $v AND format = $f", id, ("$v", version), ("$f", format), cancellationToken);

    private async Task<bool> WriteReportAsync(StoredReport report, int expectedRevision, ReportWrite write, CancellationToken cancellationToken)
    {
        using (var update = Command("UPDATE reports SET title = $title, revision = $rev, state = $state, updated_at = $at WHERE id = $id AND revision = $expected"))
        {
            update.Parameters.AddWithValue("$title", report.Title);
            update.Parameters.AddWithValue("$rev", report.Revision);
            update.Parameters.AddWithValue("$state", report.State);
            update.Parameters.AddWithValue("$at", report.UpdatedAt.ToUnixTimeMilliseconds());
            update.Parameters.AddWithValue("$id", report.Id);
            update.Parameters.AddWithValue("$expected", expectedRevision);
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        foreach (var change in write.Changes)
        {
            using var insert = Command("""
                INSERT INTO report_changes(report_id, number, revision, kind, target, before, after, who, at)
                VALUES ($id, (SELECT COALESCE(MAX(number), 0) + 1 FROM report_changes WHERE report_id = $id), $rev, $kind, $target, $before, $after, $who, $at)
                """);
            insert.Parameters.AddWithValue("$id", report.Id);
            insert.Parameters.AddWithValue("$rev", report.Revision);
            insert.Parameters.AddWithValue("$kind", change.Kind);
            insert.Parameters.AddWithValue("$target", change.Target);
            insert.Parameters.AddWithValue("$before", (object?)change.Before ?? DBNull.Value);
            insert.Parameters.AddWithValue("$after", (object?)change.After ?? DBNull.Value);
            insert.Parameters.AddWithValue("$who", change.Who);
            insert.Parameters.AddWithValue("$at", change.At.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (write.Photo is { } photo)
        {
            using var insert = Command("INSERT INTO report_photos(report_id, photo_id, data) VALUES ($id, $p, $data)");
            insert.Parameters.AddWithValue("$id", report.Id);
            insert.Parameters.AddWithValue("$p", photo.PhotoId);
            insert.Parameters.AddWithValue("$data", photo.Data);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (write.Version is { } version)
        {
            // A plain INSERT: a version already written is frozen, and writing it again fails the whole save.
            foreach (var (format, content) in version.Files)
            {
                using var insert = Command("INSERT INTO report_versions(report_id, version, format, content) VALUES ($id, $v, $f, $content)");
                insert.Parameters.AddWithValue("$id", report.Id);
                insert.Parameters.AddWithValue("$v", version.Version);
                insert.Parameters.AddWithValue("$f", format);
                insert.Parameters.AddWithValue("$content", content);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // Last, so that a save refused above leaves nothing staged in the outbox.
        await AddToOutboxAsync(write.Outbox, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private Task<byte[]?> BlobAsync(string sql, string id, (string Name, object Value) first, (string Name, object Value)? second, CancellationToken cancellationToken) =>
        WithLockAsync(async () =>
        {
            using var cmd = Command(sql);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue(first.Name, first.Value);
            if (second is { } s)
            {
                cmd.Parameters.AddWithValue(s.Name, s.Value);
            }

            return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
        }, cancellationToken);

    private static StoredReport ReadReport(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)));
}
