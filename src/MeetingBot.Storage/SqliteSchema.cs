using Microsoft.Data.Sqlite;

namespace MeetingBot.Storage;

/// <summary>Schema migrations, applied in order; <c>PRAGMA user_version</c> records how far a file has come.</summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE meetings (
            id TEXT PRIMARY KEY,
            definition TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE runtimes (
            meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),
            status TEXT NOT NULL,
            state TEXT NOT NULL,
            next_due_at INTEGER
        );
        CREATE INDEX runtimes_due ON runtimes(next_due_at) WHERE next_due_at IS NOT NULL;
        CREATE TABLE bindings (
            channel TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            service_url TEXT,
            meeting_id TEXT NOT NULL,
            bound_at INTEGER NOT NULL,
            PRIMARY KEY (channel, conversation_id)
        );
        CREATE INDEX bindings_meeting ON bindings(meeting_id);
        CREATE TABLE entries (
            meeting_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            kind TEXT NOT NULL,
            item_index INTEGER NOT NULL,
            text TEXT NOT NULL,
            author_name TEXT NOT NULL,
            author_id TEXT,
            source_id TEXT NOT NULL,
            captured_at INTEGER NOT NULL,
            edited_at INTEGER,
            withdrawn INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (meeting_id, number)
        );
        CREATE INDEX entries_source ON entries(meeting_id, source_id);
        CREATE TABLE processed (
            channel TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            message_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (channel, conversation_id, message_id)
        ) WITHOUT ROWID;
        """,
        """
        CREATE TABLE deliveries (
            meeting_id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            state TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );
        """,
        """
        CREATE TABLE schedule (
            source TEXT NOT NULL,
            event_id TEXT NOT NULL,
            meeting_id TEXT NOT NULL,
            title TEXT NOT NULL,
            start_at INTEGER NOT NULL,
            cancelled INTEGER NOT NULL DEFAULT 0,
            chat_space TEXT,
            reminder_sent_for INTEGER,
            started_for INTEGER,
            notice_sent_for INTEGER,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (source, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX schedule_start ON schedule(start_at);
        """,
        """
        CREATE TABLE IF NOT EXISTS reports (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            revision INTEGER NOT NULL,
            state TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS report_changes (
            report_id TEXT NOT NULL REFERENCES reports(id),
            number INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            kind TEXT NOT NULL,
            target TEXT NOT NULL,
            before TEXT,
            after TEXT,
            who TEXT NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (report_id, number)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS report_photos (
            report_id TEXT NOT NULL REFERENCES reports(id),
            photo_id TEXT NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (report_id, photo_id)
        );
        CREATE TABLE IF NOT EXISTS report_versions (
            report_id TEXT NOT NULL REFERENCES reports(id),
            version INTEGER NOT NULL,
            format TEXT NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (report_id, version, format)
        );
        """,
        """
        CREATE TABLE IF NOT EXISTS outbox (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            service_url TEXT,
            text TEXT NOT NULL,
            reply_to TEXT,
            created_at INTEGER NOT NULL,
            sent_at INTEGER
        );
        CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox(id) WHERE sent_at IS NULL;
        """,
        """
        CREATE TABLE IF NOT EXISTS transcripts (
            meeting_id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            status TEXT NOT NULL,
            next_attempt_at INTEGER,
            accept_candidates INTEGER NOT NULL DEFAULT 0,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS transcript_cues (
            meeting_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            cue_id TEXT NOT NULL,
            speaker TEXT NOT NULL,
            speaker_id TEXT,
            start_at INTEGER NOT NULL,
            end_at INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (meeting_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS transcript_attendance (
            meeting_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            user_id TEXT,
            presence_ms INTEGER NOT NULL,
            PRIMARY KEY (meeting_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS transcript_attempts (
            meeting_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            at INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (meeting_id, number)
        ) WITHOUT ROWID;
        """,
        """
        CREATE TABLE IF NOT EXISTS outbox_cards (
            outbox_id INTEGER PRIMARY KEY,
            card TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS card_posts (
            channel TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            card_key TEXT NOT NULL,
            message_id TEXT NOT NULL,
            PRIMARY KEY (channel, conversation_id, card_key)
        ) WITHOUT ROWID;
        """,
        // The outbox rows that are timebox warnings (shown as in-meeting notifications where the channel can).
        "CREATE TABLE IF NOT EXISTS outbox_alerts (outbox_id INTEGER PRIMARY KEY);",
    ];

    public static int Version => Migrations.Length;

    public static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await ExecAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF; PRAGMA busy_timeout=5000;", cancellationToken).ConfigureAwait(false);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA user_version";
        var current = Convert.ToInt32(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Migrations.Length)
        {
            throw new StoreUnavailableException(StorageText.NewerSchema(connection.DataSource, current, Migrations.Length));
        }

        for (var v = current; v < Migrations.Length; v++)
        {
            using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            using var migrate = connection.CreateCommand();
            migrate.Transaction = tx;
            migrate.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
            await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
