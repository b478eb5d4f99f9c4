namespace MeetingBot.Core.Engine;

/// <summary>
/// Turns a <see cref="ChatInput"/> or a clock tick into state changes plus outbound messages. Deterministic: all
/// time comes from <see cref="TimeProvider"/>, all state from <see cref="IMeetingStore"/>. Each input is committed
/// atomically with its platform message id before anything is acknowledged, so a redelivery changes nothing.
/// </summary>
public sealed class MeetingEngine(IMeetingStore store, TimeProvider time, TimeboxSettings? settings = null) : IDisposable
{
    private readonly IMeetingStore _store = store;
    private readonly TimeboxSettings _settings = settings ?? new TimeboxSettings();

    // One writer at a time keeps per-meeting state consistent in this process; across processes the store's
    // transaction (and, on PostgreSQL, row locks) does.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _pending;

    // The open batch: staged changes whose callers wait for the disk, and no-op ones (chatter) nobody waits for.
    private int _waitingInBatch;
    private int _idleInBatch;

    /// <summary>No-op inputs staged before their batch is flushed anyway, so an hour of chatter is not one open transaction.</summary>
    private const int MaxIdleInBatch = 1024;

    /// <summary>Waiting changes in a batch past which the last turn flushes at once instead of letting late arrivals join.</summary>
    private const int MaxWaitingInBatch = 256;

    public TimeboxSettings Settings => _settings;

    public void Dispose() => _gate.Dispose();

    public async Task<EngineResult> HandleAsync(ChatInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);

        // Group commit: turns run one at a time, each staging its change in the store's open transaction; the last
        // turn of a burst flushes the batch with one fsync. Every caller still returns only once its own change is
        // durable, so nothing is acknowledged that a crash could lose. Chatter, which changes nothing, neither waits
        // for the disk nor, when nothing else in the batch does, makes the others wait on an fsync.
        Interlocked.Increment(ref _pending);
        var gateHeld = false;
        var waitForDisk = true;
        Task durable = Task.CompletedTask;
        EngineResult result;
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            gateHeld = true;
            var conversation = input.Conversation;
            if (await _store.IsProcessedAsync(conversation.Channel, conversation.ConversationId, input.MessageId, cancellationToken).ConfigureAwait(false))
            {
                waitForDisk = false;
                return EngineResult.Redelivery;
            }

            var turn = await CreateTurnAsync(input, cancellationToken).ConfigureAwait(false);
            await turn.RunAsync(cancellationToken).ConfigureAwait(false);
            var change = turn.ToChange();
            try
            {
                durable = await _store.StageAsync(change, cancellationToken).ConfigureAwait(false);
            }
            catch (DuplicateMessageException)
            {
                waitForDisk = false;
                return EngineResult.Redelivery;
            }

            // An input that changes nothing and answers nothing (chatter) has nothing a crash could lose: its stored id
            // only spares a redelivery a second look, and a redelivered chatter is chatter again. It does not wait for
            // the disk; its id is seen by the next input at once and lands with the batch.
            waitForDisk = change.Runtime is not null || change.Entries.Count > 0 || change.Binding is not null
                || turn.Messages.Count > 0 || turn.EndedMeetingId is not null;
            if (waitForDisk)
            {
                Interlocked.Increment(ref _waitingInBatch);
            }
            else
            {
                Interlocked.Increment(ref _idleInBatch);
            }

            result = new EngineResult(turn.Messages, EndedMeetingId: turn.EndedMeetingId);
        }
        finally
        {
            if (gateHeld)
            {
                _gate.Release();
            }

            if (Interlocked.Decrement(ref _pending) == 0
                && (waitForDisk || Volatile.Read(ref _waitingInBatch) > 0 || Volatile.Read(ref _idleInBatch) >= MaxIdleInBatch)
                && !await OthersJoinAsync().ConfigureAwait(false))
            {
                // Counted changes were staged before they were counted, so this flush holds every one of them.
                Interlocked.Exchange(ref _waitingInBatch, 0);
                Interlocked.Exchange(ref _idleInBatch, 0);
                var flush = _store.FlushAsync(CancellationToken.None);
                if (waitForDisk)
                {
                    await flush.ConfigureAwait(false);
                }
                else
                {
                    // Whoever waits on the batch sees a failure through its own task; this only keeps it observed.
                    _ = flush.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }

        if (waitForDisk)
        {
            await durable.ConfigureAwait(false);
        }
        else
        {
            _ = durable.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return result;
    }

    /// <summary>
    /// Under load more inputs are already on their way (being read and authenticated); a few turns of the thread pool
    /// let them join the batch, so one fsync covers more of them. True when one did: the last of them flushes instead.
    /// At rest nothing arrives and the turns cost microseconds.
    /// </summary>
    private async ValueTask<bool> OthersJoinAsync()
    {
        if (Volatile.Read(ref _waitingInBatch) >= MaxWaitingInBatch)
        {
            return false;
        }

        for (var i = 0; i < 3; i++)
        {
            await Task.Yield();
            if (Volatile.Read(ref _pending) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Fires every timebox warning that is due now; each fires once, even across restarts. The warnings are committed
    /// to the outbox with the clock state that records them, behind every reply already there.
    /// </summary>
    public async Task<IReadOnlyList<OutboundMessage>> TickAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = await _store.GetDueMeetingsAsync(now, cancellationToken).ConfigureAwait(false);
        var messages = new List<OutboundMessage>();
        foreach (var meetingId in due)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                messages.AddRange(await TickMeetingAsync(meetingId, now, cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                _gate.Release();
            }
        }

        return messages;
    }

    private async Task<IReadOnlyList<OutboundMessage>> TickMeetingAsync(string meetingId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var meeting = await _store.GetDefinitionAsync(meetingId, cancellationToken).ConfigureAwait(false);
        var runtime = await _store.GetRuntimeAsync(meetingId, cancellationToken).ConfigureAwait(false);
        if (meeting is null || runtime is null)
        {
            return [];
        }

        var warning = Timebox.Due(meeting, runtime, _settings, now);
        var messages = new List<OutboundMessage>();
        if (warning is not null)
        {
            runtime = runtime with { WarnedUpTo = warning.Threshold };
            var item = meeting.Agenda[runtime.CurrentItem - 1];
            var text = BotText.Warning(meeting, item, warning, now);
            foreach (var binding in await _store.GetBindingsAsync(meetingId, cancellationToken).ConfigureAwait(false))
            {
                messages.Add(new OutboundMessage(binding.Address, text, now));
            }
        }

        runtime = runtime with { NextDueAt = Timebox.NextDue(meeting, runtime, _settings) };
        await _store.CommitAsync(new StoreChange { Runtime = runtime, Outbox = messages }, cancellationToken).ConfigureAwait(false);
        return messages;
    }

    private async Task<Turn> CreateTurnAsync(ChatInput input, CancellationToken cancellationToken)
    {
        var binding = await _store.FindBindingAsync(input.Conversation.Channel, input.Conversation.ConversationId, cancellationToken).ConfigureAwait(false);
        MeetingDefinition? meeting = null;
        MeetingRuntime? runtime = null;
        var meetingId = binding?.MeetingId ?? input.MeetingHint;
        if (meetingId is not null)
        {
            meeting = await _store.GetDefinitionAsync(meetingId, cancellationToken).ConfigureAwait(false);

            // Chatter neither reads nor moves the clock; sparing it the runtime read is much of what chatter costs.
            var chatter = input.Kind == ChatInputKind.Message && ChatGrammar.Parse(input.Text) is Chatter;
            if (meeting is not null && !chatter)
            {
                runtime = await _store.GetRuntimeAsync(meeting.Id, cancellationToken).ConfigureAwait(false) ?? MeetingRuntime.NotStartedFor(meeting);
            }
        }

        return new Turn(this, input, time.GetUtcNow(), binding, meeting, runtime);
    }

    /// <summary>The work of one input: reads what it needs, collects the change and the replies, then commits once.</summary>
    private sealed class Turn(MeetingEngine engine, ChatInput input, DateTimeOffset now, ConversationBinding? binding, MeetingDefinition? meeting, MeetingRuntime? loaded)
    {
        private readonly List<Entry> _entries = [];
        private readonly MeetingRuntime? _loaded = loaded;
        private MeetingRuntime? _runtime = loaded;
        private ConversationBinding? _newBinding;
        private IReadOnlyList<ConversationBinding>? _bindings;
        private Participant? _sender;

        public List<OutboundMessage> Messages { get; } = [];

        public string? EndedMeetingId { get; private set; }

        private IMeetingStore Store => engine._store;

        private TimeboxSettings Settings => engine._settings;

        public StoreChange ToChange() => new()
        {
            Processed = new ProcessedMessage(input.Conversation.Channel, input.Conversation.ConversationId, input.MessageId, now),
            Runtime = _runtime is not null && !ReferenceEquals(_runtime, _loaded) ? _runtime with { NextDueAt = Timebox.NextDue(meeting!, _runtime, Settings) } : null,
            Entries = _entries,
            Binding = _newBinding,
            Outbox = Messages,
        };

        public async Task RunAsync(CancellationToken ct)
        {
            var parsed = input.Kind == ChatInputKind.Message ? ChatGrammar.Parse(input.Text) : Chatter.Instance;
            if (binding is null)
            {
                await RunUnboundAsync(parsed, ct).ConfigureAwait(false);
                return;
            }

            if (meeting is null)
            {
                // The binding points at a meeting whose file was removed: say so instead of failing silently.
                if (parsed is not Chatter)
                {
                    Reply(BotText.UnknownMeeting(binding.MeetingId));
                }

                return;
            }

            _sender = meeting.Identify(input.From);
            switch (input.Kind)
            {
                case ChatInputKind.MeetingStarted:
                    if (_runtime!.Status == MeetingStatus.NotStarted)
                    {
                        await StartAsync(ct).ConfigureAwait(false);
                    }

                    break;
                case ChatInputKind.MeetingEnded:
                    if (_runtime!.Status is MeetingStatus.Running or MeetingStatus.Paused)
                    {
                        await EndAsync(ct).ConfigureAwait(false);
                    }

                    break;
                case ChatInputKind.BotAdded:
                    Reply(BotText.Greeting + "\n" + BotText.Help(CanRun, IsStaff, null));
                    break;
                case ChatInputKind.Edit:
                    await EditAsync(ct).ConfigureAwait(false);
                    break;
                case ChatInputKind.Delete:
                    await DeleteAsync(ct).ConfigureAwait(false);
                    break;
                default:
                    await HandleMessageAsync(parsed, ct).ConfigureAwait(false);
                    break;
            }
        }

        private bool CanRun => _sender?.CanRunMeeting == true;

        private bool IsStaff => _sender?.Role == ParticipantRole.Staff;

        private async Task RunUnboundAsync(ParsedMessage parsed, CancellationToken ct)
        {
            if (parsed is CommandMessage { Command: Command.Bind } bind)
            {
                await BindAsync(bind.Argument, ct).ConfigureAwait(false);
                return;
            }

            if (meeting is not null)
            {
                // The platform told us which meeting this chat belongs to (e.g. a Teams meeting matched by join URL).
                _newBinding = new ConversationBinding(input.Conversation, meeting.Id, now);
                binding = _newBinding;
                _bindings = [.. await Store.GetBindingsAsync(meeting.Id, ct).ConfigureAwait(false), _newBinding];
                await RunAsync(ct).ConfigureAwait(false);
                return;
            }

            if (input.Kind == ChatInputKind.BotAdded)
            {
                Reply(BotText.Greeting + "\n" + BotText.Unbound);
            }
            else if (parsed is not Chatter || (input.Kind == ChatInputKind.Message && input.AddressedToBot))
            {
                Reply(BotText.Unbound);
            }
        }

        private async Task HandleMessageAsync(ParsedMessage parsed, CancellationToken ct)
        {
            switch (parsed)
            {
                case TagMessage tag:
                    Capture(tag);
                    break;
                case CommandMessage command:
                    await RunCommandAsync(command, ct).ConfigureAwait(false);
                    break;
                default:
                    break;
            }
        }

        private async Task RunCommandAsync(CommandMessage command, CancellationToken ct)
        {
            var c = command.Command;
            var runsMeeting = c is Command.Start or Command.Next or Command.Previous or Command.Goto or Command.Extend
                or Command.Pause or Command.Resume or Command.End;
            if (runsMeeting && !CanRun)
            {
                Refuse(BotText.Refused(c), meeting!);
                return;
            }

            switch (c)
            {
                case Command.Start:
                    if (_runtime!.Status == MeetingStatus.Ended)
                    {
                        Reply(BotText.AlreadyEnded);
                    }
                    else if (_runtime.Status != MeetingStatus.NotStarted)
                    {
                        Reply(BotText.AlreadyStarted);
                    }
                    else
                    {
                        await StartAsync(ct).ConfigureAwait(false);
                    }

                    break;
                case Command.Next:
                    if (RequireRunning())
                    {
                        if (_runtime!.CurrentItem >= meeting!.Agenda.Count)
                        {
                            Reply(BotText.LastItem);
                        }
                        else
                        {
                            await OpenAsync(_runtime.CurrentItem + 1, ct).ConfigureAwait(false);
                        }
                    }

                    break;
                case Command.Previous:
                    if (RequireRunning())
                    {
                        if (_runtime!.CurrentItem <= 1)
                        {
                            Reply(BotText.FirstItem);
                        }
                        else
                        {
                            await OpenAsync(_runtime.CurrentItem - 1, ct).ConfigureAwait(false);
                        }
                    }

                    break;
                case Command.Goto:
                    if (RequireRunning())
                    {
                        if (!int.TryParse(command.Argument, out var target))
                        {
                            Reply(BotText.GotoUsage);
                        }
                        else if (meeting!.Item(target) is null)
                        {
                            Reply(BotText.NoSuchItem(meeting.Agenda.Count));
                        }
                        else if (target != _runtime!.CurrentItem)
                        {
                            await OpenAsync(target, ct).ConfigureAwait(false);
                        }
                    }

                    break;
                case Command.Extend:
                    if (RequireRunning())
                    {
                        await ExtendAsync(command.Argument, ct).ConfigureAwait(false);
                    }

                    break;
                case Command.Pause:
                    if (RequireRunning())
                    {
                        await PauseAsync(ct).ConfigureAwait(false);
                    }

                    break;
                case Command.Resume:
                    if (_runtime!.Status != MeetingStatus.Paused)
                    {
                        Reply(_runtime.Status == MeetingStatus.Running ? BotText.NotPaused : Gate());
                    }
                    else
                    {
                        await ResumeAsync(ct).ConfigureAwait(false);
                    }

                    break;
                case Command.End:
                    if (RequireRunning())
                    {
                        await EndAsync(ct).ConfigureAwait(false);
                    }

                    break;
                case Command.Agenda:
                    Reply(BotText.AgendaPost(meeting!, _runtime!));
                    break;
                case Command.Status:
                    var entries = await Store.GetEntriesAsync(meeting!.Id, ct).ConfigureAwait(false);
                    var live = entries.Where(e => !e.Withdrawn).ToList();
                    Reply(BotText.Status(meeting, _runtime!, now, live.Count, live.Count(e => e.ItemIndex == _runtime!.CurrentItem)));
                    break;
                case Command.Withdraw:
                    await WithdrawAsync(command.Argument, ct).ConfigureAwait(false);
                    break;
                case Command.Bind:
                    await BindAsync(command.Argument, ct).ConfigureAwait(false);
                    break;
                case Command.Help:
                    Reply(BotText.Help(CanRun, IsStaff, null));
                    break;
                default:
                    Reply(BotText.Help(CanRun, IsStaff, command.Name));
                    break;
            }
        }

        /// <summary>True when the clock can be driven (running or paused); otherwise replies why not.</summary>
        private bool RequireRunning()
        {
            if (_runtime!.Status is MeetingStatus.Running or MeetingStatus.Paused)
            {
                return true;
            }

            Reply(Gate());
            return false;
        }

        private string Gate() => _runtime!.Status == MeetingStatus.Ended ? BotText.AlreadyEnded : BotText.NotStarted;

        private async Task StartAsync(CancellationToken ct)
        {
            _runtime = _runtime! with { Status = MeetingStatus.Running, StartedAt = now };
            await AnnounceAsync(BotText.AgendaPost(meeting!, _runtime), ct).ConfigureAwait(false);
            await OpenAsync(1, ct).ConfigureAwait(false);
            await AnnounceAsync(BotText.StartedHint, ct).ConfigureAwait(false);
        }

        private async Task OpenAsync(int index, CancellationToken ct)
        {
            var items = _runtime!.Items.ToArray();
            var visits = CloseCurrent(items);
            var timing = items[index - 1];
            items[index - 1] = timing with { ActualStart = timing.ActualStart ?? now, ActualEnd = null };
            var wasPaused = _runtime.Status == MeetingStatus.Paused;
            _runtime = _runtime with
            {
                Items = items,
                Visits = [.. visits, new ItemVisit(index, now)],
                CurrentItem = index,
                Status = MeetingStatus.Running,
                SegmentStart = now,
                WarnedUpTo = items[index - 1].Used,
            };
            var item = meeting!.Agenda[index - 1];
            var remaining = Timebox.Budget(item, items[index - 1]) - items[index - 1].Used;
            var text = BotText.ItemOpened(meeting, item, now, remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining);
            await AnnounceAsync(wasPaused ? text + "\n(일시정지를 풀고 진행합니다)" : text, ct).ConfigureAwait(false);
        }

        /// <summary>Leaves the open item in <paramref name="items"/>; returns the visits with its visit ended.</summary>
        private IReadOnlyList<ItemVisit> CloseCurrent(ItemTiming[] items)
        {
            var visits = _runtime!.VisitsOrSpans();
            if (_runtime.CurrentItem < 1)
            {
                return visits;
            }

            var i = _runtime.CurrentItem - 1;
            items[i] = items[i] with
            {
                Used = Timebox.Used(items[i], _runtime.SegmentStart, now),
                ActualEnd = now,
            };

            return visits is [.., { End: null } open] && open.Index == _runtime.CurrentItem
                ? [.. visits.SkipLast(1), open with { End = now }]
                : visits;
        }

        private async Task ExtendAsync(string argument, CancellationToken ct)
        {
            if (!int.TryParse(argument, out var minutes) || minutes < 1 || minutes > 120)
            {
                Reply(BotText.ExtendUsage);
                return;
            }

            var items = _runtime!.Items.ToArray();
            var i = _runtime.CurrentItem - 1;
            items[i] = items[i] with { ExtraMinutes = items[i].ExtraMinutes + minutes };
            var used = Timebox.Used(items[i], _runtime.SegmentStart, now);
            _runtime = _runtime with { Items = items, WarnedUpTo = used };
            var item = meeting!.Agenda[i];
            await AnnounceAsync(BotText.Extended(item, minutes, Timebox.Budget(item, items[i]) - used), ct).ConfigureAwait(false);
        }

        private async Task PauseAsync(CancellationToken ct)
        {
            if (_runtime!.Status == MeetingStatus.Paused)
            {
                Reply(BotText.AlreadyPaused);
                return;
            }

            var items = _runtime.Items.ToArray();
            var i = _runtime.CurrentItem - 1;
            items[i] = items[i] with { Used = Timebox.Used(items[i], _runtime.SegmentStart, now) };
            _runtime = _runtime with { Items = items, Status = MeetingStatus.Paused, SegmentStart = null };
            var item = meeting!.Agenda[i];
            await AnnounceAsync(BotText.Paused(item, Timebox.Budget(item, items[i]) - items[i].Used), ct).ConfigureAwait(false);
        }

        private async Task ResumeAsync(CancellationToken ct)
        {
            _runtime = _runtime! with { Status = MeetingStatus.Running, SegmentStart = now };
            var item = meeting!.Agenda[_runtime.CurrentItem - 1];
            var timing = _runtime.Timing(_runtime.CurrentItem);
            await AnnounceAsync(BotText.Resumed(item, Timebox.Budget(item, timing) - timing.Used), ct).ConfigureAwait(false);
        }

        private async Task EndAsync(CancellationToken ct)
        {
            var items = _runtime!.Items.ToArray();
            var visits = CloseCurrent(items);
            _runtime = _runtime with { Items = items, Visits = visits, Status = MeetingStatus.Ended, EndedAt = now, SegmentStart = null };
            var entries = await Store.GetEntriesAsync(meeting!.Id, ct).ConfigureAwait(false);
            var count = entries.Count(e => !e.Withdrawn) + _entries.Count(e => !e.Withdrawn);
            await AnnounceAsync(BotText.Ended(meeting, now, count), ct).ConfigureAwait(false);
            EndedMeetingId = meeting.Id;
        }

        private void Capture(TagMessage tag, string? sourceId = null)
        {
            if (tag.Kind == EntryKind.Decision && !CanRun)
            {
                Refuse(BotText.DecisionRefused, meeting!);
                return;
            }

            if (tag.Text.Length == 0)
            {
                Reply(BotText.EmptyTag(tag.Tag));
                return;
            }

            if (_runtime!.Status == MeetingStatus.Ended)
            {
                Reply(BotText.AlreadyEnded);
                return;
            }

            var itemIndex = tag.TargetItem ?? _runtime.CurrentItem;
            if (tag.TargetItem is { } target && meeting!.Item(target) is null)
            {
                Reply(BotText.NoSuchItem(meeting.Agenda.Count));
                return;
            }

            if (itemIndex < 1)
            {
                Reply(BotText.TagBeforeStart);
                return;
            }

            var entry = new Entry
            {
                MeetingId = meeting!.Id,
                Number = _runtime.NextEntryNumber,
                Kind = tag.Kind,
                ItemIndex = itemIndex,
                Text = tag.Text,
                AuthorName = _sender?.Name ?? input.From.Name,
                AuthorId = input.From.Id,
                SourceId = sourceId ?? input.MessageId,
                CapturedAt = now,
            };
            _runtime = _runtime with { NextEntryNumber = _runtime.NextEntryNumber + 1 };
            _entries.Add(entry);
            Reply(BotText.Captured(entry, meeting.Agenda[itemIndex - 1]));
        }

        private async Task EditAsync(CancellationToken ct)
        {
            var sourceId = input.TargetMessageId ?? input.MessageId;
            var existing = await Store.FindEntryBySourceAsync(meeting!.Id, sourceId, ct).ConfigureAwait(false);
            var parsed = ChatGrammar.Parse(input.Text);
            if (existing is null)
            {
                // Chatter edited into a tagged entry is captured now, under the original message's id.
                if (parsed is TagMessage tag)
                {
                    Capture(tag, sourceId);
                }

                return;
            }

            if (existing.Withdrawn)
            {
                return;
            }

            if (parsed is TagMessage { Text.Length: > 0 } edited && (edited.Kind != EntryKind.Decision || CanRun))
            {
                var itemIndex = edited.TargetItem is { } t && meeting.Item(t) is not null ? t : existing.ItemIndex;
                var updated = existing with { Text = edited.Text, Kind = edited.Kind, ItemIndex = itemIndex, EditedAt = now };
                _entries.Add(updated);
                Reply(BotText.Edited(updated));
            }
            else
            {
                // The tag was edited away: the message no longer asks to be in the report.
                var withdrawn = existing with { Withdrawn = true, EditedAt = now };
                _entries.Add(withdrawn);
                Reply(BotText.Withdrawn(withdrawn));
            }
        }

        private async Task DeleteAsync(CancellationToken ct)
        {
            var sourceId = input.TargetMessageId ?? input.MessageId;
            var existing = await Store.FindEntryBySourceAsync(meeting!.Id, sourceId, ct).ConfigureAwait(false);
            if (existing is null || existing.Withdrawn)
            {
                return;
            }

            var withdrawn = existing with { Withdrawn = true, EditedAt = now };
            _entries.Add(withdrawn);
            Reply(BotText.WithdrawnByDelete(withdrawn));
        }

        private async Task WithdrawAsync(string argument, CancellationToken ct)
        {
            if (!int.TryParse(argument.TrimStart('#'), out var number))
            {
                Reply(BotText.WithdrawUsage);
                return;
            }

            var entry = await Store.FindEntryAsync(meeting!.Id, number, ct).ConfigureAwait(false);
            if (entry is null)
            {
                Reply(BotText.NoSuchEntry(number));
                return;
            }

            var isAuthor = string.Equals(entry.AuthorId, input.From.Id, StringComparison.Ordinal)
                || (_sender is not null && string.Equals(entry.AuthorName, _sender.Name, StringComparison.Ordinal));
            if (!isAuthor && !IsStaff)
            {
                Refuse(BotText.Refused(Command.Withdraw), meeting!);
                return;
            }

            if (entry.Withdrawn)
            {
                Reply(BotText.AlreadyWithdrawn(number));
                return;
            }

            var withdrawn = entry with { Withdrawn = true, EditedAt = now };
            _entries.Add(withdrawn);
            Reply(BotText.Withdrawn(withdrawn));
        }

        private async Task BindAsync(string argument, CancellationToken ct)
        {
            var id = argument.Trim();
            if (id.Length == 0)
            {
                Reply(BotText.BindUsage);
                return;
            }

            var target = await Store.GetDefinitionAsync(id, ct).ConfigureAwait(false);
            if (target is null)
            {
                Reply(BotText.UnknownMeeting(id));
                return;
            }

            if (target.Identify(input.From)?.Role != ParticipantRole.Staff)
            {
                Refuse(BotText.Refused(Command.Bind), target);
                return;
            }

            _newBinding = new ConversationBinding(input.Conversation, target.Id, now);
            Reply(BotText.Bound(target));
        }

        private void Reply(string text) =>
            Messages.Add(new OutboundMessage(input.Conversation, text, now, input.MessageId));

        /// <summary>
        /// A refusal; when the sender's display name is a participant's but their account is not, it also says which
        /// account to write in the meeting file, the one thing a staff member refused by name needs to know.
        /// </summary>
        private void Refuse(string text, MeetingDefinition of) =>
            Reply(of.ClaimedBy(input.From) is { } claimed ? text + "\n" + BotText.NotRecognised(claimed.Name, input.From.Id) : text);

        /// <summary>Meeting-wide news goes to every chat bound to the meeting, this one included.</summary>
        private async Task AnnounceAsync(string text, CancellationToken ct)
        {
            _bindings ??= await Store.GetBindingsAsync(meeting!.Id, ct).ConfigureAwait(false);
            var sentHere = false;
            foreach (var b in _bindings)
            {
                sentHere |= b.Address.Channel == input.Conversation.Channel && b.Address.ConversationId == input.Conversation.ConversationId;
                Messages.Add(new OutboundMessage(b.Address, text, now));
            }

            if (!sentHere)
            {
                Messages.Add(new OutboundMessage(input.Conversation, text, now));
            }
        }
    }
}
