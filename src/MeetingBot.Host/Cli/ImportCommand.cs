using MeetingBot.Channels.Replay;
using MeetingBot.Channels.Transcripts;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.Core.Transcripts;
using MeetingBot.Storage;

namespace MeetingBot.Host.Cli;

/// <summary>
/// <c>meetingbot import DIR</c>: replays DIR's chats (a chat held without the bot, or exported) through the live engine
/// into the configured store (<c>Storage:ConnectionString</c>, opened as the server opens it), as ended meetings the
/// staff workspace can take over. Per meeting it is imported, already there (ended in the store: left as it is) or
/// refused (live in the store: nothing changed for it). A chat replayed before is recognised by its processed message
/// ids, so an import cut short is finished by running it again.
/// </summary>
public static class ImportCommand
{
    /// <summary>The platform's "meeting ended" event an import gives a chat that never said /종료, once.</summary>
    public const string EndedMessageId = "meetingbot-import:ended";

    /// <summary>Who the history names for what an import did (remarks accepted with <c>--accept-candidates</c>).</summary>
    public const string ImporterName = "가져오기";

    private static readonly ChatUser Importer = new("meetingbot-import", ImporterName);

    private enum Outcome
    {
        Import,
        AlreadyThere,
        Refused,
    }

    public static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Positional.Count != 1)
        {
            throw new MeetingBotException("가져올 폴더(DIR)를 하나 지정해 주세요. 예: meetingbot import exports/2020-09");
        }

        await using var host = VerbHost.Open(args, typeof(StorageOptions));
        // Every file is read and checked before the store is opened: a bad folder stores nothing.
        var folder = ReplayFolder.Read(args.Positional[0]);
        foreach (var script in folder.Scripts)
        {
            // Checked now against the planned start; read again after the replay, from the meeting's actual one.
            TranscriptFiles.ReadBeside(script.FileName, folder.Meetings.First(m => m.Id == script.MeetingId).Start);
        }

        // The store the server opens, as the server's composition opens it.
        var store = new ImportStore(host.Services);
        var outcomes = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        foreach (var meeting in folder.Meetings)
        {
            outcomes[meeting.Id] = await DecideAsync(store, folder, meeting, cancellationToken).ConfigureAwait(false);
        }

        // One meeting at a time, each on its own clock: a chat left open ends at its own last message.
        foreach (var id in outcomes.Where(o => o.Value == Outcome.Import).Select(o => o.Key))
        {
            await ImportAsync(folder.Only(new HashSet<string>([id], StringComparer.Ordinal)), store, host.Timebox, cancellationToken).ConfigureAwait(false);
        }

        var spoken = new Dictionary<string, StoredTranscript>(StringComparer.Ordinal);
        foreach (var id in outcomes.Where(o => o.Value != Outcome.Refused).Select(o => o.Key))
        {
            if (await ImportTranscriptAsync(folder, id, store, args.Flag("accept-candidates"), cancellationToken).ConfigureAwait(false) is { } stored)
            {
                spoken[id] = stored;
            }
        }

        var unfinished = false;
        foreach (var meeting in folder.Meetings)
        {
            var name = $"[{meeting.Subcommittee}] {meeting.Id}";
            switch (outcomes[meeting.Id])
            {
                case Outcome.Refused:
                    await stderr.WriteLineAsync(CommandLineText.Error($"거부: {name} 회의는 저장소에서 진행 중이거나 대화방에 연결되어 있어 가져오지 않았습니다(바꾼 것 없음). 회의를 /종료한 뒤 다시 가져오세요.")).ConfigureAwait(false);
                    break;
                case Outcome.AlreadyThere:
                    await stdout.WriteLineAsync($"이미 있음: {name} 회의는 저장소에 종료된 회의로 있어 그대로 두었습니다.").ConfigureAwait(false);
                    break;
                default:
                    var runtime = await store.Meetings.GetRuntimeAsync(meeting.Id, cancellationToken).ConfigureAwait(false);
                    var entries = (await store.Meetings.GetEntriesAsync(meeting.Id, cancellationToken).ConfigureAwait(false)).Count(e => !e.Withdrawn);
                    if (runtime?.Status == MeetingStatus.Ended)
                    {
                        await stdout.WriteLineAsync($"가져옴: {name} 회의를 종료된 회의로 저장했습니다. 항목 {entries}건.").ConfigureAwait(false);
                    }
                    else
                    {
                        unfinished = true;
                        await stderr.WriteLineAsync(CommandLineText.Error($"{name} 회의가 대화에서 시작(/시작)되지 않아 종료된 회의로 가져오지 못했습니다. 대화 파일을 확인해 주세요.")).ConfigureAwait(false);
                    }

                    break;
            }

            if (spoken.TryGetValue(meeting.Id, out var transcript))
            {
                await stdout.WriteLineAsync(SpokenLine(name, transcript)).ConfigureAwait(false);
            }
        }

        return unfinished || outcomes.ContainsValue(Outcome.Refused) ? CommandLine.BadInput : CommandLine.Ok;
    }

    /// <summary>
    /// Ended in the store: already there. Bound to a conversation other than this folder's chats (the bot is in its live
    /// chat), or running without a chat: refused. Otherwise (new, not started, or an import cut short): import.
    /// </summary>
    private static async Task<Outcome> DecideAsync(ImportStore store, ReplayFolder folder, MeetingDefinition meeting, CancellationToken cancellationToken)
    {
        if (await store.Meetings.GetDefinitionAsync(meeting.Id, cancellationToken).ConfigureAwait(false) is null)
        {
            return Outcome.Import;
        }

        var status = (await store.Meetings.GetRuntimeAsync(meeting.Id, cancellationToken).ConfigureAwait(false))?.Status ?? MeetingStatus.NotStarted;
        if (status == MeetingStatus.Ended)
        {
            return Outcome.AlreadyThere;
        }

        var ours = folder.Scripts.Where(s => s.MeetingId == meeting.Id).Select(ReplayRunner.Conversation).ToHashSet();
        var bindings = await store.Meetings.GetBindingsAsync(meeting.Id, cancellationToken).ConfigureAwait(false);
        var live = bindings.Any(b => !ours.Contains(b.Address)) || (status != MeetingStatus.NotStarted && bindings.Count == 0);
        return live ? Outcome.Refused : Outcome.Import;
    }

    /// <summary>
    /// The transcript and attendance files beside the meeting's chat (SPEC §8 last bullet, §9), stored as collected
    /// (source <c>import</c>, so the collector never asks the platform), cue times counted from the actual start. A
    /// meeting whose spoken record is already stored (collected, uploaded, imported before) keeps it.
    /// </summary>
    private static async Task<StoredTranscript?> ImportTranscriptAsync(ReplayFolder folder, string meetingId, ImportStore store, bool accept, CancellationToken cancellationToken)
    {
        var runtime = await store.Meetings.GetRuntimeAsync(meetingId, cancellationToken).ConfigureAwait(false);
        var chat = folder.Scripts.First(s => s.MeetingId == meetingId).FileName;
        if (runtime?.Status != MeetingStatus.Ended
            || await store.Transcripts.GetTranscriptAsync(meetingId, cancellationToken).ConfigureAwait(false) is not null
            || TranscriptFiles.ReadBeside(chat, runtime.StartedAt) is not { } read)
        {
            return null;
        }

        var at = runtime.EndedAt ?? runtime.StartedAt ?? DateTimeOffset.UnixEpoch;
        var stored = new StoredTranscript
        {
            MeetingId = meetingId,
            Source = "import",
            Status = TranscriptStatus.Collected,
            AcceptCandidates = accept,
            Cues = read.Cues,
            Attendance = read.Attendance,
            Attempts = [new TranscriptAttempt(at, TranscriptAttemptOutcome.Collected, $"meetingbot import: {Path.GetFileName(chat)} 옆의 파일")],
            UpdatedAt = at,
        };
        await store.Transcripts.SaveTranscriptAsync(stored, cancellationToken: cancellationToken).ConfigureAwait(false);
        return stored;
    }

    private static string SpokenLine(string name, StoredTranscript transcript) =>
        $"  발언 기록 {transcript.Cues.Count}건, 참석 기록 {transcript.Attendance.Count}건도 저장했습니다({name})."
        + (transcript.AcceptCandidates ? " 이 회의로 보고서를 만들면 중복 아닌 발언 후보를 채택합니다." : " 발언 후보는 직원 화면에서 채택하세요.");

    /// <summary>Replays one meeting's chats into the store and ends the meeting if they left it open.</summary>
    private static async Task ImportAsync(ReplayFolder folder, ImportStore store, TimeboxSettings timebox, CancellationToken cancellationToken)
    {
        var clock = folder.Clock();
        using var engine = new MeetingEngine(store.Turns, clock, timebox);
        var replay = await folder.ReplayAsync(engine, store.Meetings, clock, cancellationToken).ConfigureAwait(false);

        // A chat that stops without /종료 ends as the platform would end the meeting: at its last message.
        if (replay.Records.Single().Runtime.Status is MeetingStatus.Running or MeetingStatus.Paused)
        {
            clock.MoveTo(folder.Scripts.SelectMany(s => s.Messages).Select(m => m.At).DefaultIfEmpty(clock.GetUtcNow()).Max());
            await engine.HandleAsync(
                new ChatInput { Conversation = ReplayRunner.Conversation(folder.Scripts[0]), MessageId = EndedMessageId, Kind = ChatInputKind.MeetingEnded, From = Importer },
                cancellationToken).ConfigureAwait(false);
        }

        // The bot's answers in a replayed chat were never meant to leave; the server must not try to send them.
        var replies = (await store.Outbox.GetUnsentAsync(int.MaxValue, cancellationToken).ConfigureAwait(false))
            .Where(m => m.Message.To.Channel == ReplayRunner.Channel)
            .Select(m => m.Id)
            .ToList();
        await store.Outbox.MarkSentAsync(replies, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The ports an import writes through, all resolved from the server's composition.</summary>
    private sealed class ImportStore(IServiceProvider services)
    {
        public IMeetingStore Meetings { get; } = services.GetRequiredService<IMeetingStore>();

        public ITurnStore Turns { get; } = services.GetRequiredService<ITurnStore>();

        public IOutboxStore Outbox { get; } = services.GetRequiredService<IOutboxStore>();

        public ITranscriptStore Transcripts { get; } = services.GetRequiredService<ITranscriptStore>();
    }
}
