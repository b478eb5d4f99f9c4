using MeetingBot.Core;
using MeetingBot.Core.Cards;
using Microsoft.Data.Sqlite;

namespace MeetingBot.Storage;

/// <summary>
/// The outbox table: each bot message is inserted in the same batch (and so the same transaction and fsync) as the
/// change that caused it, and is handed out only once that batch is on disk. The row id is the send order.
/// </summary>
public sealed partial class SqliteMeetingStore
{
    private const string InsertOutboxSql = """
        INSERT INTO outbox(channel, conversation_id, service_url, text, reply_to, created_at) VALUES ($c, $conv, $url, $text, $reply, $at)
        RETURNING id
        """;

    private const string InsertOutboxCardSql = "INSERT INTO outbox_cards(outbox_id, card) VALUES ($id, $card)";

    private const string InsertOutboxAlertSql = "INSERT INTO outbox_alerts(outbox_id) VALUES ($id)";

    // The highest outbox id known to be on disk; GetUnsentAsync hands out nothing above it. Rows of the open batch are
    // visible to this connection's reads before they are durable, so this is what keeps a message from leaving ahead
    // of its change. Touched under the lock, except that the batch's completion raises it.
    private long _outboxDurable;

    // The highest outbox id staged in the open batch (0: none). Only under the lock.
    private long _outboxStaged;

    private TaskCompletionSource _outboxAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IReadOnlyList<OutboxMessage>> GetUnsentAsync(int max, CancellationToken cancellationToken = default) =>
        WithLockAsync<IReadOnlyList<OutboxMessage>>(async () =>
        {
            using var cmd = Command("""
                SELECT o.id, o.channel, o.conversation_id, o.service_url, o.text, o.reply_to, o.created_at, c.card, a.outbox_id IS NOT NULL FROM outbox o
                LEFT JOIN outbox_cards c ON c.outbox_id = o.id LEFT JOIN outbox_alerts a ON a.outbox_id = o.id
                WHERE o.sent_at IS NULL AND o.id <= $durable ORDER BY o.id LIMIT $max
                """);
            cmd.Parameters.AddWithValue("$durable", Interlocked.Read(ref _outboxDurable));
            cmd.Parameters.AddWithValue("$max", max);
            using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<OutboxMessage>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var serviceUrl = await reader.IsDBNullAsync(3, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(3);
                var replyTo = await reader.IsDBNullAsync(5, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(5);
                var card = await reader.IsDBNullAsync(7, cancellationToken).ConfigureAwait(false) ? null : StoreJson.Read<AgendaCard>(reader.GetString(7));
                var to = new ConversationAddress(reader.GetString(1), reader.GetString(2), serviceUrl);
                var message = new OutboundMessage(to, reader.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)), replyTo)
                {
                    Card = card,
                    AlertInMeeting = reader.GetBoolean(8),
                };
                list.Add(new OutboxMessage(reader.GetInt64(0), message));
            }

            return list;
        }, cancellationToken);

    public async Task MarkSentAsync(IReadOnlyCollection<long> ids, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }

        await WithLockAsync(async () =>
        {
            BeginBatch();
            using var cmd = Command("UPDATE outbox SET sent_at = $at WHERE id = $id AND sent_at IS NULL");
            cmd.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            var id = cmd.Parameters.Add("$id", SqliteType.Integer);
            foreach (var value in ids)
            {
                id.Value = value;
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<string?> FindCardPostAsync(ConversationAddress chat, string cardKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return WithLockAsync(async () =>
        {
            using var cmd = Command("SELECT message_id FROM card_posts WHERE channel = $c AND conversation_id = $conv AND card_key = $k");
            cmd.Parameters.AddWithValue("$c", chat.Channel);
            cmd.Parameters.AddWithValue("$conv", chat.ConversationId);
            cmd.Parameters.AddWithValue("$k", cardKey);
            return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }, cancellationToken);
    }

    public async Task SaveCardPostAsync(ConversationAddress chat, string cardKey, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        await WithLockAsync(async () =>
        {
            BeginBatch();
            using var cmd = Command("""
                INSERT INTO card_posts(channel, conversation_id, card_key, message_id) VALUES ($c, $conv, $k, $id)
                ON CONFLICT(channel, conversation_id, card_key) DO UPDATE SET message_id = excluded.message_id
                """);
            cmd.Parameters.AddWithValue("$c", chat.Channel);
            cmd.Parameters.AddWithValue("$conv", chat.ConversationId);
            cmd.Parameters.AddWithValue("$k", cardKey);
            cmd.Parameters.AddWithValue("$id", messageId);
            return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task WhenAddedAsync(CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _outboxAdded).Task.WaitAsync(cancellationToken);

    private async Task AddToOutboxAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var m in messages)
        {
            var id = await _insertOutbox.With(_tx, m.To.Channel, m.To.ConversationId, m.To.ServiceUrl, m.Text, m.ReplyToMessageId, m.At.ToUnixTimeMilliseconds())
                .ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (m.Card is not null)
            {
                // A card rides beside its row, so the outbox's own columns stay those of a plain message.
                await _insertOutboxCard.With(_tx, id, StoreJson.Write(m.Card)).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (m.AlertInMeeting)
            {
                await _insertOutboxAlert.With(_tx, id).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            _outboxStaged = Math.Max(_outboxStaged, (long)id!);
        }
    }

    /// <summary>
    /// Called under the lock as a batch commits: returns what to complete once the batch is on disk. With outbox rows
    /// staged, that first raises the durable mark and wakes the drain, then completes <paramref name="batch"/>, so a
    /// caller that has heard "durable" always finds its messages handed out. A batch that fails never raises the mark.
    /// </summary>
    private TaskCompletionSource OutboxFirst(TaskCompletionSource batch)
    {
        var staged = _outboxStaged;
        _outboxStaged = 0;
        if (staged == 0)
        {
            return batch;
        }

        var onDisk = new TaskCompletionSource();
        _ = onDisk.Task.ContinueWith(
            t =>
            {
                if (t.Exception is { } failed)
                {
                    batch.SetException(failed.InnerExceptions);
                    return;
                }

                long seen;
                while ((seen = Interlocked.Read(ref _outboxDurable)) < staged
                    && Interlocked.CompareExchange(ref _outboxDurable, staged, seen) != seen)
                {
                }

                Interlocked.Exchange(ref _outboxAdded, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                batch.SetResult();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return onDisk;
    }

    private static async Task<long> LastOutboxIdAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(id), 0) FROM outbox";
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
