using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using static MeetingBot.Channels.Transcripts.GraphTranscriptSource;

namespace MeetingBot.Channels.Transcripts;

/// <summary>
/// A Google Meet meeting's transcript and attendance from the Meet REST API v2 (SPEC §9): the conference record of the
/// meeting code in <c>joinUrl</c> that began nearest the meeting's start, its <c>participants</c> and <c>transcripts</c>,
/// and each transcript's <c>entries</c> (all paged with <c>pageToken</c>), read through <see cref="TranscriptJsonReader"/>.
/// Not ready (null): no record yet, the conference still running, no transcript, or one still being written.
/// Attendance is each participant's <c>earliestStartTime</c>~<c>latestEndTime</c>.
/// </summary>
public sealed partial class MeetTranscriptSource : ITranscriptSource, IDisposable
{
    public const string DefaultBaseUrl = "https://meet.googleapis.com/v2/";
    public const string Scope = "https://www.googleapis.com/auth/meetings.space.readonly";
    public const string Permission = "meetings.space.readonly";

    private readonly TranscriptApi _api;

    /// <param name="token">The service account's token (<c>GoogleServiceAccount.Load(file, Scope)</c>); null sends none.</param>
    public MeetTranscriptSource(Uri baseUrl, Func<CancellationToken, Task<string?>> token, TimeProvider timeProvider, HttpMessageHandler? handler = null) =>
        _api = new TranscriptApi(baseUrl, token, timeProvider, "Google Meet", Permission, handler);

    public void Dispose() => _api.Dispose();

    public async Task<MeetingTranscript?> FetchAsync(MeetingDefinition meeting, MeetingRuntime runtime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(runtime);
        var joinUrl = meeting.JoinUrl ?? throw new MeetingBotException(TranscriptFileTexts.NoJoinUrl(meeting.Id, "Google Meet"), field: "joinUrl");
        var code = MeetingCode().Match(joinUrl) is { Success: true } m
            ? m.Groups[1].Value
            : throw new MeetingBotException(TranscriptFileTexts.NoMeetingCode(meeting.Id, joinUrl), field: "joinUrl");
        var start = runtime.StartedAt ?? meeting.Start;
        var records = await ListAsync("conferenceRecords?filter=" + Uri.EscapeDataString($"space.meeting_code=\"{code}\""), "conferenceRecords", cancellationToken).ConfigureAwait(false);
        var record = records
            .Where(r => Text(r, "name") is not null)
            .OrderBy(r => Instant(r, "startTime") is { } at ? (at - start).Duration() : TimeSpan.MaxValue)
            .FirstOrDefault();
        if (record.ValueKind != JsonValueKind.Object || Text(record, "endTime") is null)
        {
            return null;
        }

        var name = Text(record, "name")!;
        var transcripts = await ListAsync($"{name}/transcripts", "transcripts", cancellationToken).ConfigureAwait(false);
        if (transcripts.Count == 0 || transcripts.Any(t => Text(t, "state") is not ("ENDED" or "FILE_GENERATED")))
        {
            return null;
        }

        var participants = await ListAsync($"{name}/participants", "participants", cancellationToken).ConfigureAwait(false);
        var entries = new List<JsonElement>();
        foreach (var transcript in transcripts.OrderBy(t => Instant(t, "startTime")))
        {
            entries.AddRange(await ListAsync($"{Text(transcript, "name")}/entries", "transcriptEntries", cancellationToken).ConfigureAwait(false));
        }

        // One document in the file shape, so the wire and the files share one reader.
        var document = new JsonObject
        {
            ["participants"] = new JsonArray([.. participants.Select(p => JsonNode.Parse(p.GetRawText()))]),
            ["transcriptEntries"] = new JsonArray([.. entries.Select(e => JsonNode.Parse(e.GetRawText()))]),
        };
        var cues = TranscriptJsonReader.ReadMeetEntries(document.ToJsonString(), $"{_api.BaseUri}{name}");
        return new MeetingTranscript(cues, [.. participants.Select(Attendance).OfType<AttendanceRecord>()]);
    }

    private static AttendanceRecord? Attendance(JsonElement participant) =>
        TranscriptJsonReader.MeetDisplayName(participant) is { } display && Instant(participant, "earliestStartTime") is { } from
            ? new AttendanceRecord(
                display,
                Instant(participant, "latestEndTime") is { } to && to > from ? to - from : TimeSpan.Zero,
                participant.TryGetProperty("signedinUser", out var user) ? Text(user, "user") : null)
            : null;

    /// <summary>Every item of <paramref name="field"/> over all pages (<c>pageToken</c> from <c>nextPageToken</c>); a 404 is none.</summary>
    private async Task<List<JsonElement>> ListAsync(string address, string field, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? token = null;
        do
        {
            var page = token is null ? address : $"{address}{(address.Contains('?', StringComparison.Ordinal) ? '&' : '?')}pageToken={Uri.EscapeDataString(token)}";
            using var json = await _api.GetJsonAsync(page, cancellationToken).ConfigureAwait(false);
            if (json is null)
            {
                break;
            }

            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(field, out var array) && array.ValueKind == JsonValueKind.Array)
            {
                items.AddRange(array.EnumerateArray().Select(i => i.Clone()));
            }

            token = Text(json.RootElement, "nextPageToken");
        }
        while (token is not null);
        return items;
    }

    [GeneratedRegex(@"meet\.google\.com/([a-z]{3}-[a-z]{4}-[a-z]{3})(?:[/?#]|$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MeetingCode();
}
