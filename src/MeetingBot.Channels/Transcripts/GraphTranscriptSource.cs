using System.Globalization;
using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;

namespace MeetingBot.Channels.Transcripts;

/// <summary>
/// A Teams meeting's transcripts and attendance from Microsoft Graph (SPEC §9), raw REST with the app's own token
/// (application permissions): the online meeting is reached through its organizer, <c>users/{organizerId}/onlineMeetings</c>,
/// the organizer's object id read from the <c>Oid</c> of the join URL's <c>context</c> (else the configured default
/// organizer), and found by <c>JoinWebUrl</c>. Then its <c>transcripts</c> (every page of <c>@odata.nextLink</c>), each
/// read as <c>content?$format=text/vtt</c> through <see cref="WebVttReader"/> from the transcript's <c>createdDateTime</c>,
/// and the attendance report of this session (<c>attendanceReports</c>, then <c>?$expand=attendanceRecords</c>) through
/// <see cref="TranscriptJsonReader"/>. No transcript yet (an empty list, a 404) is null: not ready.
/// </summary>
public sealed partial class GraphTranscriptSource : ITranscriptSource, IDisposable
{
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0/";
    public const string Scope = "https://graph.microsoft.com/.default";
    public const string Permission = "OnlineMeetingTranscript.Read.All";
    public const string ChatPermission = "OnlineMeetingTranscript.Read.Chat";
    public const string AttendancePermission = "OnlineMeetingArtifact.Read.All";
    public const string MeetingPermission = "OnlineMeetings.Read.All";

    private readonly TranscriptApi _api;
    private readonly string? _defaultOrganizer;

    /// <param name="token">The app's Graph token (<c>new AppToken(teams, Scope, …).GetTokenAsync</c>); null sends none.</param>
    /// <param name="defaultOrganizer">The organizer's object id for join URLs that carry none (a council whose meetings one account organizes).</param>
    public GraphTranscriptSource(Uri baseUrl, Func<CancellationToken, Task<string?>> token, TimeProvider timeProvider, HttpMessageHandler? handler = null, string? defaultOrganizer = null)
    {
        _api = new TranscriptApi(baseUrl, token, timeProvider, "Microsoft Graph", $"{Permission}' 또는 '{ChatPermission}", handler, TranscriptFileTexts.GraphAdvice);
        _defaultOrganizer = string.IsNullOrWhiteSpace(defaultOrganizer) ? null : defaultOrganizer.Trim();
    }

    public void Dispose() => _api.Dispose();

    public async Task<MeetingTranscript?> FetchAsync(MeetingDefinition meeting, MeetingRuntime runtime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(runtime);
        var joinUrl = meeting.JoinUrl ?? throw new MeetingBotException(TranscriptFileTexts.NoJoinUrl(meeting.Id, "Teams"), field: "joinUrl");
        var organizer = OrganizerOf(joinUrl) ?? _defaultOrganizer
            ?? throw new MeetingBotException(TranscriptFileTexts.NoOrganizer(meeting.Id, joinUrl), field: "joinUrl");
        var filter = Uri.EscapeDataString($"JoinWebUrl eq '{joinUrl.Replace("'", "''", StringComparison.Ordinal)}'");
        using var found = await _api.GetJsonAsync($"users/{Uri.EscapeDataString(organizer)}/onlineMeetings?$filter={filter}", cancellationToken, MeetingPermission).ConfigureAwait(false);
        var id = found is null ? null : Values(found.RootElement).Select(m => Text(m, "id")).FirstOrDefault(i => i is not null);
        return id is null
            ? throw new MeetingBotException(TranscriptFileTexts.NotFoundByJoinUrl(meeting.Id, joinUrl), field: "joinUrl")
            : await FetchAsync(organizer, id, runtime.StartedAt ?? meeting.Start, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The organizer's Entra object id from a Teams join URL: <c>…/meetup-join/…?context={"Tid":"…","Oid":"…"}</c>
    /// (URL-encoded); null when the link carries none (the short <c>teams.microsoft.com/meet/…</c> form).
    /// </summary>
    public static string? OrganizerOf(string joinUrl)
    {
        ArgumentNullException.ThrowIfNull(joinUrl);
        if (!Uri.TryCreate(joinUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var context = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).TryGetValue("context", out var value) ? value.ToString() : null;
        return context is not null && OidPattern().Match(context) is { Success: true } m ? m.Groups[1].Value : null;
    }

    /// <summary>By the organizer and the online meeting's Graph id; <paramref name="start"/> picks the session.</summary>
    public async Task<MeetingTranscript?> FetchAsync(string organizerId, string onlineMeetingId, DateTimeOffset start, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(onlineMeetingId);
        var meeting = $"users/{Uri.EscapeDataString(organizerId)}/onlineMeetings/{Uri.EscapeDataString(onlineMeetingId)}";
        var transcripts = await ListAsync($"{meeting}/transcripts", cancellationToken).ConfigureAwait(false);
        if (transcripts is null || transcripts.Count == 0)
        {
            return null;
        }

        var cues = new List<TranscriptCue>();
        foreach (var transcript in transcripts.OrderBy(t => Instant(t, "createdDateTime") ?? start))
        {
            var id = Text(transcript, "id") ?? "";
            var vtt = await _api.GetTextAsync($"{meeting}/transcripts/{Uri.EscapeDataString(id)}/content?$format=text/vtt", cancellationToken).ConfigureAwait(false);
            if (vtt is null)
            {
                return null;
            }

            // Cue ids are the report's sources: keep them apart when the meeting was transcribed more than once.
            var read = WebVttReader.Read(vtt, $"{_api.BaseUri}{meeting}/transcripts/{id}", Instant(transcript, "createdDateTime") ?? start);
            cues.AddRange(transcripts.Count == 1 ? read : read.Select(c => c with { Id = $"{id}/{c.Id}" }));
        }

        return new MeetingTranscript(cues, await AttendanceAsync(meeting, start, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The records of the report whose session began nearest <paramref name="start"/>; none yet is an empty list.</summary>
    private async Task<IReadOnlyList<AttendanceRecord>> AttendanceAsync(string meeting, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var reports = await ListAsync($"{meeting}/attendanceReports", cancellationToken, AttendancePermission).ConfigureAwait(false);
        var report = reports?
            .Where(r => Text(r, "id") is not null)
            .OrderBy(r => Instant(r, "meetingStartDateTime") is { } at ? (at - start).Duration() : TimeSpan.MaxValue)
            .FirstOrDefault();
        if (report is not { } chosen)
        {
            return [];
        }

        var address = $"{meeting}/attendanceReports/{Uri.EscapeDataString(Text(chosen, "id")!)}?$expand=attendanceRecords";
        var json = await _api.GetTextAsync(address, cancellationToken, AttendancePermission).ConfigureAwait(false);
        return json is null ? [] : TranscriptJsonReader.ReadAttendance(json, _api.BaseUri + address);
    }

    /// <summary>Every item of a collection, following <c>@odata.nextLink</c>; null when the collection is not there (404).</summary>
    private async Task<List<JsonElement>?> ListAsync(string address, CancellationToken cancellationToken, string? permission = null)
    {
        var items = new List<JsonElement>();
        string? next = address;
        while (next is not null)
        {
            using var page = await _api.GetJsonAsync(next, cancellationToken, permission).ConfigureAwait(false);
            if (page is null)
            {
                return items.Count == 0 ? null : items;
            }

            items.AddRange(Values(page.RootElement).Select(v => v.Clone()));
            next = Text(page.RootElement, "@odata.nextLink");
        }

        return items;
    }

    private static IEnumerable<JsonElement> Values(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    internal static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"""Oid""\s*:\s*""([0-9a-fA-F-]{36})""", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex OidPattern();

    internal static DateTimeOffset? Instant(JsonElement element, string name) =>
        Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
