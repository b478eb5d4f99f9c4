using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.Core.Cards;
using Npgsql;

namespace MeetingBot.Storage.Postgres;

/// <summary>
/// Every statement of the PostgreSQL store, on one connection and (for the writer's batch) its open transaction: the
/// turn's reads (<see cref="IStateReader"/>, which see what earlier turns of the batch staged) and the writes. Rows
/// have the SQLite file's shape (instants as Unix milliseconds, state as JSON text).
/// </summary>
internal sealed class PostgresSession(NpgsqlConnection connection, NpgsqlTransaction? transaction) : IStateReader
{
    private const string EntryColumns = "meeting_id, number, kind, item_index, text, author_name, author_id, source_id, captured_at, edited_at, withdrawn";
    private const string BindingColumns = "channel, conversation_id, service_url, meeting_id, bound_at";
    private const string ScheduleColumns =
        "source, event_id, meeting_id, title, start_at, cancelled, chat_space, reminder_sent_for, started_for, notice_sent_for, updated_at";

    /// <summary>The database's clock in Unix milliseconds: leases are measured by it, so instances' clocks need not agree.</summary>
    private const string DatabaseMillis = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

    // Advisory locks this transaction holds (released by its commit or rollback).
    private readonly HashSet<string> _locked = new(StringComparer.Ordinal);

    /// <summary>Outbox rows this session inserted (the writer notifies the drains when any were).</summary>
    public int OutboxAdded { get; private set; }

    // ---- serialisation ----

    /// <summary>
    /// Takes the transaction-scoped advisory lock of <paramref name="key"/>. The first lock of a transaction waits for
    /// it; a later one only tries, and false means another instance holds it: waiting while holding others could
    /// deadlock, so the writer commits what it has and takes this one first in its next transaction.
    /// </summary>
    public async Task<bool> LockAsync(string key, CancellationToken cancellationToken)
    {
        if (_locked.Contains(key))
        {
            return true;
        }

        var wait = _locked.Count == 0;
        await using var cmd = Command(wait ? "SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), true" : "SELECT true, pg_try_advisory_xact_lock(hashtextextended($1, 0))", key);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (!reader.GetBoolean(1))
        {
            return false;
        }

        _locked.Add(key);
        return true;
    }

    /// <summary>
    /// The lock a turn takes: its meeting's (named by the key or found through the conversation's binding), or the
    /// conversation's when it is bound to none yet. Turns of one meeting so apply one after another across instances.
    /// </summary>
    public async Task<bool> LockTurnAsync(TurnKey key, CancellationToken cancellationToken)
    {
        var meetingId = key.MeetingId;
        if (key is { Channel: { } channel, ConversationId: { } conversation })
        {
            meetingId = (await FindBindingAsync(channel, conversation, cancellationToken).ConfigureAwait(false))?.MeetingId ?? meetingId;
            if (meetingId is null)
            {
                return await LockAsync($"conversation:{channel}:{conversation}", cancellationToken).ConfigureAwait(false);
            }
        }

        return meetingId is null || await LockAsync("meeting:" + meetingId, cancellationToken).ConfigureAwait(false);
    }

    // ---- reads ----

    public async Task<MeetingDefinition?> GetDefinitionAsync(string meetingId, CancellationToken cancellationToken = default) =>
        await ScalarAsync("SELECT definition FROM meetings WHERE id = $1", cancellationToken, meetingId).ConfigureAwait(false) is string json
            ? StoreJson.Read<MeetingDefinition>(json)
            : null;

    public async Task<IReadOnlyList<MeetingSummary>> ListMeetingsAsync(CancellationToken cancellationToken)
    {
        var list = await ListAsync(
            """
            SELECT m.definition, r.status, (SELECT COUNT(*) FROM entries e WHERE e.meeting_id = m.id AND e.withdrawn = 0)
            FROM meetings m LEFT JOIN runtimes r ON r.meeting_id = m.id
            """,
            r =>
            {
                var meeting = StoreJson.Read<MeetingDefinition>(r.GetString(0));
                var status = r.IsDBNull(1) ? MeetingStatus.NotStarted : Enum.Parse<MeetingStatus>(r.GetString(1));
                return new MeetingSummary(meeting.Id, meeting.Subcommittee, meeting.Title, meeting.Start, status, (int)r.GetInt64(2));
            },
            cancellationToken).ConfigureAwait(false);
        return [.. list.OrderBy(m => m.Start).ThenBy(m => m.Id, StringComparer.Ordinal)];
    }

    public async Task<ConversationBinding?> FindBindingAsync(string channel, string conversationId, CancellationToken cancellationToken = default) =>
        (await ListAsync($"SELECT {BindingColumns} FROM bindings WHERE channel = $1 AND conversation_id = $2", ReadBinding, cancellationToken, channel, conversationId)
            .ConfigureAwait(false)).FirstOrNull();

    public Task<IReadOnlyList<ConversationBinding>> GetBindingsAsync(string meetingId, CancellationToken cancellationToken = default) =>
        ListAsync($"SELECT {BindingColumns} FROM bindings WHERE meeting_id = $1 ORDER BY bound_at, channel, conversation_id", ReadBinding, cancellationToken, meetingId);

    public async Task<MeetingRuntime?> GetRuntimeAsync(string meetingId, CancellationToken cancellationToken = default) =>
        await ScalarAsync("SELECT state FROM runtimes WHERE meeting_id = $1", cancellationToken, meetingId).ConfigureAwait(false) is string json
            ? StoreJson.Read<MeetingRuntime>(json)
            : null;

    public async Task<bool> IsProcessedAsync(string channel, string conversationId, string messageId, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT 1 FROM processed WHERE channel = $1 AND conversation_id = $2 AND message_id = $3", cancellationToken, channel, conversationId, messageId)
            .ConfigureAwait(false) is not null;

    public async Task<Entry?> FindEntryAsync(string meetingId, int number, CancellationToken cancellationToken = default) =>
        (await ListAsync($"SELECT {EntryColumns} FROM entries WHERE meeting_id = $1 AND number = $2", ReadEntry, cancellationToken, meetingId, number).ConfigureAwait(false))
            .FirstOrNull();

    public async Task<Entry?> FindEntryBySourceAsync(string meetingId, string sourceId, CancellationToken cancellationToken = default) =>
        (await ListAsync($"SELECT {EntryColumns} FROM entries WHERE meeting_id = $1 AND source_id = $2 ORDER BY number LIMIT 1", ReadEntry, cancellationToken, meetingId, sourceId)
            .ConfigureAwait(false)).FirstOrNull();

    public Task<IReadOnlyList<Entry>> GetEntriesAsync(string meetingId, CancellationToken cancellationToken = default) =>
        ListAsync($"SELECT {EntryColumns} FROM entries WHERE meeting_id = $1 ORDER BY number", ReadEntry, cancellationToken, meetingId);

    /// <summary>
    /// Claims the meetings due at <paramref name="now"/> whose clock no other instance holds (never leased, its lease
    /// over by database time, or already this instance's) with <c>FOR UPDATE SKIP LOCKED</c>, for
    /// <paramref name="lease"/>: one instance ticks a meeting while it lives, another takes over once its lease ends.
    /// </summary>
    public async Task<IReadOnlyList<string>> ClaimDueMeetingsAsync(string instance, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var due = await ListAsync(
            $"""
            WITH claimed AS (
                SELECT meeting_id FROM runtimes
                WHERE next_due_at IS NOT NULL AND next_due_at <= $2
                  AND (leased_until IS NULL OR leased_until < {DatabaseMillis} OR leased_by = $1)
                FOR UPDATE SKIP LOCKED)
            UPDATE runtimes SET leased_until = {DatabaseMillis} + $3, leased_by = $1
            WHERE meeting_id IN (SELECT meeting_id FROM claimed)
            RETURNING meeting_id, next_due_at
            """,
            r => (Id: r.GetString(0), Due: r.GetInt64(1)),
            cancellationToken,
            instance,
            now.ToUnixTimeMilliseconds(),
            (long)lease.TotalMilliseconds).ConfigureAwait(false);
        return [.. due.OrderBy(d => d.Due).ThenBy(d => d.Id, StringComparer.Ordinal).Select(d => d.Id)];
    }

    public async Task<DeliveryRecord?> GetDeliveryAsync(string meetingId, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT state FROM deliveries WHERE meeting_id = $1", cancellationToken, meetingId).ConfigureAwait(false) is string json
            ? StoreJson.Read<DeliveryRecord>(json)
            : null;

    public Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(CancellationToken cancellationToken) =>
        ListAsync("SELECT state FROM deliveries ORDER BY meeting_id", r => StoreJson.Read<DeliveryRecord>(r.GetString(0)), cancellationToken);

    public Task<IReadOnlyList<ScheduledMeeting>> GetScheduleAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        ListAsync($"SELECT {ScheduleColumns} FROM schedule WHERE start_at >= $1 ORDER BY start_at, source, event_id", ReadScheduled, cancellationToken, since.ToUnixTimeMilliseconds());

    /// <summary>
    /// Claims up to <paramref name="max"/> unsent messages for <paramref name="instance"/> until database time plus
    /// <paramref name="lease"/>, oldest first, from conversations whose oldest unsent message is free (never leased, its
    /// lease over, or already this instance's): so a conversation is sent by one instance at a time, in order, and a
    /// dead instance's messages are taken over once its lease ends. Claims are serialised by an advisory lock; rows
    /// are locked with <c>FOR UPDATE SKIP LOCKED</c>. Run in a transaction.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimUnsentAsync(string instance, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        await ExecAsync("SELECT pg_advisory_xact_lock(hashtextextended('outbox-claim', 0))", cancellationToken).ConfigureAwait(false);
        var claimed = await ListAsync(
            $"""
            WITH now AS (SELECT {DatabaseMillis} AS ms),
            heads AS (
                SELECT DISTINCT ON (channel, conversation_id) channel, conversation_id, leased_until, leased_by
                FROM outbox WHERE sent_at IS NULL ORDER BY channel, conversation_id, id),
            free AS (
                SELECT h.channel, h.conversation_id FROM heads h, now
                WHERE h.leased_until IS NULL OR h.leased_until < now.ms OR h.leased_by = $1),
            claimed AS (
                SELECT o.id FROM outbox o JOIN free f ON o.channel = f.channel AND o.conversation_id = f.conversation_id
                WHERE o.sent_at IS NULL
                ORDER BY o.id LIMIT $2
                FOR UPDATE OF o SKIP LOCKED)
            UPDATE outbox SET leased_until = (SELECT ms FROM now) + $3, leased_by = $1
            WHERE id IN (SELECT id FROM claimed)
            RETURNING id, channel, conversation_id, service_url, text, reply_to, created_at,
                (SELECT c.card FROM outbox_cards c WHERE c.outbox_id = outbox.id),
                EXISTS (SELECT 1 FROM outbox_alerts a WHERE a.outbox_id = outbox.id)
            """,
            r => new OutboxMessage(r.GetInt64(0), new OutboundMessage(new ConversationAddress(r.GetString(1), r.GetString(2), Text(r, 3)), r.GetString(4), At(r, 6), Text(r, 5))
            {
                Card = Text(r, 7) is { } card ? StoreJson.Read<AgendaCard>(card) : null,
                AlertInMeeting = r.GetBoolean(8),
            }),
            cancellationToken,
            instance,
            max,
            (long)lease.TotalMilliseconds).ConfigureAwait(false);
        return [.. claimed.OrderBy(m => m.Id)];
    }

    /// <summary>
    /// Claims (or renews) a piece of work for <paramref name="instance"/> until database time plus <paramref name="lease"/>
    /// when it is free: no row, its lease over, or already this instance's. True when this instance holds it now.
    /// </summary>
    public async Task<bool> ClaimWorkAsync(string instance, string kind, string key, TimeSpan lease, CancellationToken cancellationToken) =>
        await ScalarAsync(
            $"""
            INSERT INTO claims(kind, key, leased_until, leased_by) VALUES ($1, $2, {DatabaseMillis} + $4, $3)
            ON CONFLICT (kind, key) DO UPDATE SET leased_until = EXCLUDED.leased_until, leased_by = EXCLUDED.leased_by
            WHERE claims.leased_until < {DatabaseMillis} OR claims.leased_by = EXCLUDED.leased_by
            RETURNING 1
            """,
            cancellationToken,
            kind,
            key,
            instance,
            (long)lease.TotalMilliseconds).ConfigureAwait(false) is not null;

    /// <summary>Hands a claim back, if this instance still holds it.</summary>
    public Task<int> ReleaseWorkAsync(string instance, string kind, string key, CancellationToken cancellationToken) =>
        ExecAsync("DELETE FROM claims WHERE kind = $1 AND key = $2 AND leased_by = $3", cancellationToken, kind, key, instance);

    /// <summary>How long until the first lease another instance holds on an unsent message ends (null: none held).</summary>
    public async Task<TimeSpan?> NextLeaseEndAsync(string instance, CancellationToken cancellationToken) =>
        await ScalarAsync(
            $"SELECT MIN(leased_until) - {DatabaseMillis} FROM outbox WHERE sent_at IS NULL AND leased_by <> $1 AND leased_until IS NOT NULL",
            cancellationToken,
            instance).ConfigureAwait(false) is long ms
            ? TimeSpan.FromMilliseconds(Math.Max(ms, 0))
            : null;

    public async Task<StoredReport?> GetReportAsync(string id, CancellationToken cancellationToken) =>
        (await ListAsync("SELECT id, title, revision, state, updated_at FROM reports WHERE id = $1", ReadReport, cancellationToken, id).ConfigureAwait(false)).FirstOrNull();

    public Task<IReadOnlyList<StoredReport>> ListReportsAsync(CancellationToken cancellationToken) =>
        ListAsync("SELECT id, title, revision, state, updated_at FROM reports ORDER BY updated_at DESC, id", ReadReport, cancellationToken);

    public Task<IReadOnlyList<StoredReportChange>> GetReportHistoryAsync(string id, CancellationToken cancellationToken) =>
        ListAsync(
            "SELECT number, revision, kind, target, before, after, who, at FROM report_changes WHERE report_id = $1 ORDER BY number",
            r => new StoredReportChange(r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.GetString(3), Text(r, 4), Text(r, 5), r.GetString(6), At(r, 7)),
            cancellationToken,
            id);

    public async Task<byte[]?> BlobAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        await ScalarAsync(sql, cancellationToken, values).ConfigureAwait(false) as byte[];

    public async Task<StoredTranscript?> GetTranscriptAsync(string meetingId, CancellationToken cancellationToken)
    {
        var heads = await ListAsync(
            "SELECT source, status, next_attempt_at, updated_at, accept_candidates FROM transcripts WHERE meeting_id = $1",
            r => (Source: r.GetString(0), Status: Enum.Parse<TranscriptStatus>(r.GetString(1)), Next: AtOrNull(r, 2), Updated: At(r, 3), Accept: r.GetInt32(4) != 0),
            cancellationToken,
            meetingId).ConfigureAwait(false);
        if (heads.Count == 0)
        {
            return null;
        }

        var head = heads[0];
        return new StoredTranscript
        {
            MeetingId = meetingId,
            Source = head.Source,
            Status = head.Status,
            NextAttemptAt = head.Next,
            AcceptCandidates = head.Accept,
            UpdatedAt = head.Updated,
            Cues = await ListAsync(
                "SELECT cue_id, speaker, speaker_id, start_at, end_at, text FROM transcript_cues WHERE meeting_id = $1 ORDER BY position",
                r => new TranscriptCue(r.GetString(0), r.GetString(1), At(r, 3), At(r, 4), r.GetString(5), Text(r, 2)),
                cancellationToken,
                meetingId).ConfigureAwait(false),
            Attendance = await ListAsync(
                "SELECT name, user_id, presence_ms FROM transcript_attendance WHERE meeting_id = $1 ORDER BY position",
                r => new AttendanceRecord(r.GetString(0), TimeSpan.FromMilliseconds(r.GetInt64(2)), Text(r, 1)),
                cancellationToken,
                meetingId).ConfigureAwait(false),
            Attempts = await ListAsync(
                "SELECT at, outcome, reason FROM transcript_attempts WHERE meeting_id = $1 ORDER BY number",
                r => new TranscriptAttempt(At(r, 0), Enum.Parse<TranscriptAttemptOutcome>(r.GetString(1)), r.GetString(2)),
                cancellationToken,
                meetingId).ConfigureAwait(false),
        };
    }

    // ---- writes (inside the writer's transaction) ----

    public async Task ApplyAsync(StoreChange change, CancellationToken cancellationToken)
    {
        if (change.Processed is { } p)
        {
            await ExecAsync("INSERT INTO processed(channel, conversation_id, message_id, at) VALUES ($1, $2, $3, $4)", cancellationToken,
                p.Channel, p.ConversationId, p.MessageId, p.At.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        }

        if (change.Binding is { } b)
        {
            await ExecAsync(
                $"""
                INSERT INTO bindings({BindingColumns}) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT(channel, conversation_id) DO UPDATE SET service_url = excluded.service_url, meeting_id = excluded.meeting_id, bound_at = excluded.bound_at
                """,
                cancellationToken,
                b.Address.Channel, b.Address.ConversationId, b.Address.ServiceUrl, b.MeetingId, b.BoundAt.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        }

        if (change.Runtime is { } r)
        {
            await ExecAsync(
                """
                INSERT INTO runtimes(meeting_id, status, state, next_due_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT(meeting_id) DO UPDATE SET status = excluded.status, state = excluded.state, next_due_at = excluded.next_due_at
                """,
                cancellationToken,
                r.MeetingId, r.Status.ToString(), StoreJson.Write(r), Millis(r.NextDueAt)).ConfigureAwait(false);
        }

        foreach (var e in change.Entries)
        {
            await ExecAsync(
                $"""
                INSERT INTO entries({EntryColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT(meeting_id, number) DO UPDATE SET kind = excluded.kind, item_index = excluded.item_index,
                    text = excluded.text, edited_at = excluded.edited_at, withdrawn = excluded.withdrawn
                """,
                cancellationToken,
                e.MeetingId, e.Number, e.Kind.ToString(), e.ItemIndex, e.Text, e.AuthorName, e.AuthorId, e.SourceId,
                e.CapturedAt.ToUnixTimeMilliseconds(), Millis(e.EditedAt), e.Withdrawn ? 1 : 0).ConfigureAwait(false);
        }

        if (change.Delivery is { } d)
        {
            await ExecAsync(
                """
                INSERT INTO deliveries(meeting_id, status, state, updated_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT(meeting_id) DO UPDATE SET status = excluded.status, state = excluded.state, updated_at = excluded.updated_at
                """,
                cancellationToken,
                d.MeetingId, d.Status.ToString(), StoreJson.Write(d), (d.History.Count > 0 ? d.History[^1].At : d.CreatedAt).ToUnixTimeMilliseconds()).ConfigureAwait(false);
        }

        foreach (var scheduled in change.Schedule)
        {
            await WriteScheduledAsync(scheduled, cancellationToken).ConfigureAwait(false);
        }

        await AddToOutboxAsync(change.Outbox, cancellationToken).ConfigureAwait(false);
    }

    public Task UpsertDefinitionAsync(MeetingDefinition meeting, CancellationToken cancellationToken) =>
        ExecAsync(
            """
            INSERT INTO meetings(id, definition, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT(id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """,
            cancellationToken,
            meeting.Id, StoreJson.Write(meeting), meeting.Start.ToUnixTimeMilliseconds());

    public Task WriteScheduledAsync(ScheduledMeeting s, CancellationToken cancellationToken) =>
        ExecAsync(
            $"""
            INSERT INTO schedule({ScheduleColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT(source, event_id) DO UPDATE SET meeting_id = excluded.meeting_id, title = excluded.title,
                start_at = excluded.start_at, cancelled = excluded.cancelled, chat_space = excluded.chat_space,
                reminder_sent_for = excluded.reminder_sent_for, started_for = excluded.started_for,
                notice_sent_for = excluded.notice_sent_for, updated_at = excluded.updated_at
            """,
            cancellationToken,
            s.SourceName, s.EventId, s.MeetingId, s.Title, s.Start.ToUnixTimeMilliseconds(), s.Cancelled ? 1 : 0, s.ChatSpace,
            Millis(s.ReminderSentFor), Millis(s.StartedFor), Millis(s.NoticeSentFor), s.UpdatedAt.ToUnixTimeMilliseconds());

    public async Task AddToOutboxAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var m in messages)
        {
            var id = (long)(await ScalarAsync(
                "INSERT INTO outbox(channel, conversation_id, service_url, text, reply_to, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                cancellationToken,
                m.To.Channel, m.To.ConversationId, m.To.ServiceUrl, m.Text, m.ReplyToMessageId, m.At.ToUnixTimeMilliseconds()).ConfigureAwait(false))!;
            if (m.Card is not null)
            {
                await ExecAsync("INSERT INTO outbox_cards(outbox_id, card) VALUES ($1, $2)", cancellationToken, id, StoreJson.Write(m.Card)).ConfigureAwait(false);
            }

            if (m.AlertInMeeting)
            {
                await ExecAsync("INSERT INTO outbox_alerts(outbox_id) VALUES ($1)", cancellationToken, id).ConfigureAwait(false);
            }

            OutboxAdded++;
        }
    }

    public async Task<string?> FindCardPostAsync(ConversationAddress chat, string cardKey, CancellationToken cancellationToken) =>
        await ScalarAsync(
            "SELECT message_id FROM card_posts WHERE channel = $1 AND conversation_id = $2 AND card_key = $3",
            cancellationToken,
            chat.Channel, chat.ConversationId, cardKey).ConfigureAwait(false) as string;

    public Task SaveCardPostAsync(ConversationAddress chat, string cardKey, string messageId, CancellationToken cancellationToken) =>
        ExecAsync(
            """
            INSERT INTO card_posts(channel, conversation_id, card_key, message_id) VALUES ($1, $2, $3, $4)
            ON CONFLICT (channel, conversation_id, card_key) DO UPDATE SET message_id = excluded.message_id
            """,
            cancellationToken,
            chat.Channel, chat.ConversationId, cardKey, messageId);

    public async Task MarkSentAsync(IReadOnlyCollection<long> ids, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ExecAsync("UPDATE outbox SET sent_at = $1 WHERE id = ANY($2) AND sent_at IS NULL", cancellationToken, at.ToUnixTimeMilliseconds(), ids.ToArray())
            .ConfigureAwait(false);

    public async Task<bool> CreateReportAsync(StoredReport report, CancellationToken cancellationToken) =>
        await ExecAsync(
            "INSERT INTO reports(id, title, revision, state, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT(id) DO NOTHING",
            cancellationToken,
            report.Id, report.Title, report.Revision, report.State, report.UpdatedAt.ToUnixTimeMilliseconds()).ConfigureAwait(false) == 1;

    /// <summary>False, having written nothing, when the stored revision is not <paramref name="expectedRevision"/>.</summary>
    public async Task<bool> SaveReportAsync(StoredReport report, int expectedRevision, ReportWrite write, CancellationToken cancellationToken)
    {
        if (await ExecAsync(
                "UPDATE reports SET title = $1, revision = $2, state = $3, updated_at = $4 WHERE id = $5 AND revision = $6",
                cancellationToken,
                report.Title, report.Revision, report.State, report.UpdatedAt.ToUnixTimeMilliseconds(), report.Id, expectedRevision).ConfigureAwait(false) != 1)
        {
            return false;
        }

        foreach (var change in write.Changes)
        {
            await ExecAsync(
                """
                INSERT INTO report_changes(report_id, number, revision, kind, target, before, after, who, at)
                VALUES ($1, (SELECT COALESCE(MAX(number), 0) + 1 FROM report_changes WHERE report_id = $1), $2, $3, $4, $5, $6, $7, $8)
                """,
                cancellationToken,
                report.Id, report.Revision, change.Kind, change.Target, change.Before, change.After, change.Who, change.At.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        }

        if (write.Photo is { } photo)
        {
            await ExecAsync("INSERT INTO report_photos(report_id, photo_id, data) VALUES ($1, $2, $3)", cancellationToken, report.Id, photo.PhotoId, photo.Data)
                .ConfigureAwait(false);
        }

        if (write.Version is { } version)
        {
            // A plain INSERT: a version already written is frozen, and writing it again fails the whole save.
            foreach (var (format, content) in version.Files)
            {
                await ExecAsync("INSERT INTO report_versions(report_id, version, format, content) VALUES ($1, $2, $3, $4)", cancellationToken,
                    report.Id, version.Version, format, content).ConfigureAwait(false);
            }
        }

        await AddToOutboxAsync(write.Outbox, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task SaveTranscriptAsync(StoredTranscript t, IReadOnlyList<OutboundMessage> outbox, CancellationToken cancellationToken)
    {
        await ExecAsync(
            """
            INSERT INTO transcripts(meeting_id, source, status, next_attempt_at, accept_candidates, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT(meeting_id) DO UPDATE SET source = excluded.source, status = excluded.status,
                next_attempt_at = excluded.next_attempt_at, accept_candidates = excluded.accept_candidates, updated_at = excluded.updated_at
            """,
            cancellationToken,
            t.MeetingId, t.Source, t.Status.ToString(), Millis(t.NextAttemptAt), t.AcceptCandidates ? 1 : 0, t.UpdatedAt.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        foreach (var table in (string[])["transcript_cues", "transcript_attendance", "transcript_attempts"])
        {
            await ExecAsync($"DELETE FROM {table} WHERE meeting_id = $1", cancellationToken, t.MeetingId).ConfigureAwait(false);
        }

        var position = 0;
        foreach (var c in t.Cues)
        {
            await ExecAsync("INSERT INTO transcript_cues(meeting_id, position, cue_id, speaker, speaker_id, start_at, end_at, text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                cancellationToken, t.MeetingId, ++position, c.Id, c.SpeakerName, c.SpeakerId, c.Start.ToUnixTimeMilliseconds(), c.End.ToUnixTimeMilliseconds(), c.Text).ConfigureAwait(false);
        }

        position = 0;
        foreach (var a in t.Attendance)
        {
            await ExecAsync("INSERT INTO transcript_attendance(meeting_id, position, name, user_id, presence_ms) VALUES ($1, $2, $3, $4, $5)",
                cancellationToken, t.MeetingId, ++position, a.Name, a.UserId, (long)a.Presence.TotalMilliseconds).ConfigureAwait(false);
        }

        position = 0;
        foreach (var a in t.Attempts)
        {
            await ExecAsync("INSERT INTO transcript_attempts(meeting_id, number, at, outcome, reason) VALUES ($1, $2, $3, $4, $5)",
                cancellationToken, t.MeetingId, ++position, a.At.ToUnixTimeMilliseconds(), a.Outcome.ToString(), a.Reason).ConfigureAwait(false);
        }

        await AddToOutboxAsync(outbox, cancellationToken).ConfigureAwait(false);
    }

    public Task<int> ExecAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        var cmd = Command(sql, values);
        return RunAsync(cmd, c => c.ExecuteNonQueryAsync(cancellationToken));
    }

    // ---- plumbing ----

    private NpgsqlCommand Command(string sql, params object?[] values)
    {
        var cmd = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return cmd;
    }

    private static async Task<T> RunAsync<T>(NpgsqlCommand cmd, Func<NpgsqlCommand, Task<T>> run)
    {
        await using (cmd.ConfigureAwait(false))
        {
            return await run(cmd).ConfigureAwait(false);
        }
    }

    private Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        RunAsync(Command(sql, values), async c => await c.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is var v && v is DBNull ? null : v);

    private Task<IReadOnlyList<T>> ListAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params object?[] values) =>
        RunAsync<IReadOnlyList<T>>(Command(sql, values), async c =>
        {
            await using var reader = await c.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(read(reader));
            }

            return list;
        });

    private static object? Millis(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    private static DateTimeOffset At(NpgsqlDataReader r, int column) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(column));

    private static DateTimeOffset? AtOrNull(NpgsqlDataReader r, int column) => r.IsDBNull(column) ? null : At(r, column);

    private static string? Text(NpgsqlDataReader r, int column) => r.IsDBNull(column) ? null : r.GetString(column);

    private static Entry ReadEntry(NpgsqlDataReader r) => StoreRows.ReadEntry(r);

    private static ConversationBinding ReadBinding(NpgsqlDataReader r) =>
        new(new ConversationAddress(r.GetString(0), r.GetString(1), Text(r, 2)), r.GetString(3), At(r, 4));

    private static StoredReport ReadReport(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), At(r, 4));

    private static ScheduledMeeting ReadScheduled(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), At(r, 4), r.GetInt32(5) != 0, Text(r, 6),
        AtOrNull(r, 7), AtOrNull(r, 8), AtOrNull(r, 9), At(r, 10));
}

internal static class Rows
{
    public static T? FirstOrNull<T>(this IReadOnlyList<T> rows)
        where T : class => rows.Count > 0 ? rows[0] : null;
}
