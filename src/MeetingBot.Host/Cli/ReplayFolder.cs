using MeetingBot.Calendar.Files;
using MeetingBot.Channels.Replay;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.Reports;

namespace MeetingBot.Host.Cli;

/// <summary>What a replay of a folder's chats left behind: the meetings held, their stored records and the bot's posts.</summary>
public sealed record ReplayResult(
    IReadOnlyList<MeetingDefinition> Meetings,
    IReadOnlyList<MeetingRecord> Records,
    IReadOnlyList<TranscriptLine> Transcript,
    int MessageCount)
{
    /// <summary>Each held meeting's chat file, to find the transcript and attendance files beside it.</summary>
    public IReadOnlyDictionary<string, string> ChatFiles { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// A folder of <c>*.meeting.yaml</c> and <c>*.chat.yaml</c> (SPEC §5), read and checked whole before anything is
/// stored, and replayed through the live engine into a store on a simulated clock. <c>simulate</c> replays it into a
/// throwaway store, <c>import</c> into the configured one; both go through here.
/// </summary>
public sealed class ReplayFolder
{
    private ReplayFolder(IReadOnlyList<MeetingDefinition> held, IReadOnlyList<ChatScript> scripts)
    {
        Meetings = held;
        Scripts = scripts;
    }

    /// <summary>The meetings a chat was held for, in the order of their first chat file.</summary>
    public IReadOnlyList<MeetingDefinition> Meetings { get; }

    /// <summary>Every chat file, in file name order.</summary>
    public IReadOnlyList<ChatScript> Scripts { get; }

    /// <summary>
    /// Reads every meeting and chat file of <paramref name="dir"/>; the first bad one throws a
    /// <see cref="MeetingBotException"/> naming its file and line. Each chat's replay conversation is named by its
    /// meeting and file name, not by where the folder lies, so replaying a moved copy is the same chat again.
    /// </summary>
    public static ReplayFolder Read(string dir)
    {
        if (!Directory.Exists(dir))
        {
            throw new MeetingBotException($"폴더를 찾을 수 없습니다: {dir}");
        }

        var meetings = MeetingFileReader.ReadFolder(dir).ToDictionary(m => m.Id, StringComparer.Ordinal);
        var chatFiles = Directory.GetFiles(dir, ChatScriptReader.FilePattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (chatFiles.Count == 0)
        {
            throw new MeetingBotException($"{dir}에 재생할 대화 파일({ChatScriptReader.FilePattern})이 없습니다.");
        }

        var scripts = chatFiles
            .Select(f =>
            {
                var script = ChatScriptReader.Read(f, id => meetings.GetValueOrDefault(id));
                return script with { ConversationId = $"{script.MeetingId}/{Path.GetFileName(f)}" };
            })
            .ToList();
        return new ReplayFolder([.. scripts.Select(s => meetings[s.MeetingId]).DistinctBy(m => m.Id)], scripts);
    }

    /// <summary>The same folder with only the chats of the given meetings.</summary>
    public ReplayFolder Only(IReadOnlySet<string> meetingIds)
    {
        ArgumentNullException.ThrowIfNull(meetingIds);
        return new ReplayFolder([.. Meetings.Where(m => meetingIds.Contains(m.Id))], [.. Scripts.Where(s => meetingIds.Contains(s.MeetingId))]);
    }

    /// <summary>
    /// Stores the meetings' definitions and replays every chat through <paramref name="engine"/> (on
    /// <paramref name="store"/> and <paramref name="clock"/>), then returns what the store holds for them. Messages the
    /// store has already processed in the same replay conversation are skipped, as any redelivery is.
    /// </summary>
    public async Task<ReplayResult> ReplayAsync(MeetingEngine engine, IMeetingStore store, SimulatedClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        foreach (var meeting in Meetings)
        {
            await store.UpsertDefinitionAsync(meeting, cancellationToken).ConfigureAwait(false);
        }

        var transcript = await new ReplayRunner(engine, store, clock).RunAsync(Scripts, cancellationToken).ConfigureAwait(false);
        var records = new List<MeetingRecord>();
        foreach (var meeting in Meetings)
        {
            var runtime = await store.GetRuntimeAsync(meeting.Id, cancellationToken).ConfigureAwait(false) ?? MeetingRuntime.NotStartedFor(meeting);
            records.Add(new MeetingRecord(meeting, runtime, await store.GetEntriesAsync(meeting.Id, cancellationToken).ConfigureAwait(false)));
        }

        return new ReplayResult(Meetings, records, transcript, Scripts.Sum(s => s.Messages.Count))
        {
            ChatFiles = Scripts.GroupBy(s => s.MeetingId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().FileName, StringComparer.Ordinal),
        };
    }

    /// <summary>A clock standing at the first message (or, with none, the earliest meeting start).</summary>
    public SimulatedClock Clock() =>
        new(Scripts.SelectMany(s => s.Messages).Select(m => m.At).DefaultIfEmpty(Meetings.Min(m => m.Start)).Min());
}
