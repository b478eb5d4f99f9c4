using MeetingBot.Core;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MeetingBot.Storage.Postgres;

/// <summary>Rows of one table: how many the SQLite file holds and how many the PostgreSQL database holds after the copy.</summary>
public sealed record CopiedTable(string Table, long Source, long Target);

/// <summary>
/// <c>meetingbot store copy</c>: moves an embedded store (one SQLite file, brought up to date first) into a PostgreSQL
/// database (migrated first), table by table in one transaction, then compares the row counts of every table and
/// commits only when they all match. A target that holds anything is refused unless <c>force</c>, which empties it first.
/// The tables have the same columns on both sides (<see cref="PostgresSchema"/>), so rows move unchanged.
/// </summary>
public static class StoreCopy
{
    private const int RowsPerRoundTrip = 500;

    public static async Task<IReadOnlyList<CopiedTable>> CopyAsync(string sqliteConnectionString, string postgresConnectionString, bool force, CancellationToken cancellationToken = default)
    {
        // Both opened as the server opens them: the file migrated to the latest schema, the database created and migrated.
        await (await SqliteMeetingStore.OpenAsync(sqliteConnectionString, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        await (await PostgresMeetingStore.OpenAsync(postgresConnectionString, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        var where = PostgresText.Where(postgresConnectionString);

        var source = new SqliteConnection(new SqliteConnectionStringBuilder(sqliteConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await using (source.ConfigureAwait(false))
        {
            await source.OpenAsync(cancellationToken).ConfigureAwait(false);
            var target = new NpgsqlConnection(postgresConnectionString);
            await using (target.ConfigureAwait(false))
            {
                try
                {
                    await target.OpenAsync(cancellationToken).ConfigureAwait(false);
                    return await CopyAsync(source, target, where, force, cancellationToken).ConfigureAwait(false);
                }
                catch (NpgsqlException ex) when (ex is not PostgresException)
                {
                    throw new StoreUnavailableException(PostgresText.Unreachable(where, ex), ex);
                }
            }
        }
    }

    private static async Task<IReadOnlyList<CopiedTable>> CopyAsync(SqliteConnection source, NpgsqlConnection target, string where, bool force, CancellationToken cancellationToken)
    {
        var tx = await target.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            var filled = new List<string>();
            foreach (var table in PostgresSchema.Tables)
            {
                if (await TargetCountAsync(target, tx, table, cancellationToken).ConfigureAwait(false) is var rows and > 0)
                {
                    filled.Add($"{table} {rows}행");
                }
            }

            if (filled.Count > 0 && !force)
            {
                throw new MeetingBotException(PostgresText.TargetNotEmpty(where, filled));
            }

            if (filled.Count > 0)
            {
                await using var empty = new NpgsqlCommand($"TRUNCATE {string.Join(", ", PostgresSchema.Tables)} RESTART IDENTITY", target, tx);
                await empty.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var copied = new List<CopiedTable>();
            foreach (var table in PostgresSchema.Tables)
            {
                var from = await CopyTableAsync(source, target, tx, table, cancellationToken).ConfigureAwait(false);
                copied.Add(new CopiedTable(table, from, await TargetCountAsync(target, tx, table, cancellationToken).ConfigureAwait(false)));
            }

            // The outbox's ids are its send order: new rows continue after the copied ones.
            await using (var next = new NpgsqlCommand("SELECT setval(pg_get_serial_sequence('outbox', 'id'), GREATEST((SELECT MAX(id) FROM outbox), 1))", target, tx))
            {
                await next.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (copied.Where(c => c.Source != c.Target).Select(c => $"{c.Table} {c.Source}→{c.Target}").ToList() is { Count: > 0 } differ)
            {
                throw new MeetingBotException(PostgresText.CountsDiffer(where, differ));
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return copied;
        }
    }

    /// <summary>Copies every row of <paramref name="table"/>, a few hundred statements per round trip; returns how many the file held.</summary>
    private static async Task<long> CopyTableAsync(SqliteConnection source, NpgsqlConnection target, NpgsqlTransaction tx, string table, CancellationToken cancellationToken)
    {
        using var read = source.CreateCommand();
        read.CommandText = $"SELECT * FROM {table}";
        using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var insert = $"INSERT INTO {table}({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))})";
        long rows = 0;
        var batch = new NpgsqlBatch(target, tx);
        try
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var command = new NpgsqlBatchCommand(insert);
                for (var i = 0; i < columns.Length; i++)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = reader.GetValue(i) });
                }

                batch.BatchCommands.Add(command);
                rows++;
                if (batch.BatchCommands.Count == RowsPerRoundTrip)
                {
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    await batch.DisposeAsync().ConfigureAwait(false);
                    batch = new NpgsqlBatch(target, tx);
                }
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await batch.DisposeAsync().ConfigureAwait(false);
        }

        return rows;
    }

    private static async Task<long> TargetCountAsync(NpgsqlConnection target, NpgsqlTransaction tx, string table, CancellationToken cancellationToken)
    {
        await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {table}", target, tx);
        return (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
