using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MeetingBot.Channels.Transcripts;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.Host.Services;
using MeetingBot.Reports.Review;
using Microsoft.Extensions.Options;
using T = MeetingBot.Host.Api.CandidatesText;

namespace MeetingBot.Host.Api;

/// <summary>
/// Spoken remarks on the review record (SPEC §9), behind the staff key or session: a report's candidates (its meetings'
/// stored cues aligned on their timelines), accepting one (drafted like a typed entry, its sources the cue ids, the
/// speaker named) or ignoring it — each a change with If-Match like every other, in the history — and staff upload of
/// the transcript and attendance files of a meeting the bot could not fetch. Nothing spoken enters a report unaccepted.
/// </summary>
public static class CandidatesApi
{
    public const string Candidate = "후보";
    public const string Accepted = "채택";
    public const string Ignored = "무시";

    public static void MapCandidatesApi(this IEndpointRouteBuilder routes)
    {
        var reports = routes.MapGroup("/api/reports").AddEndpointFilter(StaffApi.RequireStaff);
        reports.MapGet("/{rid}/candidates", ListAsync);
        reports.MapPost("/{rid}/candidates/{cid}/accept", AcceptAsync);
        reports.MapPost("/{rid}/candidates/{cid}/ignore", IgnoreAsync);
        routes.MapGroup("/api/meetings").AddEndpointFilter(StaffApi.RequireStaff)
            .MapPost("/{id}/transcript", UploadAsync).DisableAntiforgery();
    }

    /// <summary>A transcript, its attendance and a few small fields fit in this (one file of each kind at most).</summary>
    public const int MaxUploadRequestBytes = (int)(3 * WebVttReader.MaxBytes) + (64 * 1024);

    /// <summary>Optional body of an accept: the kind (default opinion) and another item of the same meeting.</summary>
    public sealed record AcceptBody(string? Kind, string? Item);

    private static async Task<IResult> ListAsync(string rid, HttpContext http, IReportRecordStore store, SpokenRemarks spoken)
    {
        if (await ReadAsync(rid, http, store, spoken).ConfigureAwait(false) is not (var report, var meetings))
        {
            return ReportsApi.Problem(404, ReportsText.NotFoundTitle, ReportsText.NoReport(rid));
        }

        http.Response.Headers.ETag = report.ETag;
        return TypedResults.Json(new JsonObject
        {
            ["reportId"] = report.Id,
            ["minPresenceMinutes"] = (int)spoken.MinPresence.TotalMinutes,
            ["meetings"] = new JsonArray([.. meetings.Select(m => (JsonNode)MeetingView(report, m))]),
        });
    }

    private static async Task<IResult> AcceptAsync(string rid, string cid, HttpContext http)
    {
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        var (accept, refused) = await AcceptingAsync(http, rid, cid, body?.Kind, body?.Item).ConfigureAwait(false);
        return refused is not null
            ? ReportsApi.Problem(refused.Status, refused.Title ?? "", refused.Detail ?? "")
            : await ReportsApi.ChangeAsync(http, rid, _ => [accept!]).ConfigureAwait(false);
    }

    private static async Task<IResult> IgnoreAsync(string rid, string cid, HttpContext http)
    {
        var (ignore, refused) = await IgnoringAsync(http, rid, cid).ConfigureAwait(false);
        return refused is not null
            ? ReportsApi.Problem(refused.Status, refused.Title ?? "", refused.Detail ?? "")
            : await ReportsApi.ChangeAsync(http, rid, _ => [ignore!]).ConfigureAwait(false);
    }

    /// <summary>The change that ignores candidate <paramref name="cid"/>, or 404 when the report has no such candidate (API and workspace alike).</summary>
    public static async Task<(IgnoreCandidate? Ignore, ReviewAnswer? Refused)> IgnoringAsync(HttpContext http, string rid, string cid)
    {
        var (found, refused) = await FindAsync(http, rid, cid).ConfigureAwait(false);
        return found is null ? (null, refused) : (new IgnoreCandidate(cid), null);
    }

    /// <summary>
    /// The change that accepts candidate <paramref name="cid"/> of report <paramref name="rid"/> (its words drafted as a
    /// typed entry of <paramref name="kindText"/>, default opinion), or the refusal: one implementation for the API and
    /// the workspace's 채택 form, which then take the one change path with their own If-Match.
    /// </summary>
    public static async Task<(AcceptCandidate? Accept, ReviewAnswer? Refused)> AcceptingAsync(HttpContext http, string rid, string cid, string? kindText, string? itemText)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!EntryKinds.TryParse(string.IsNullOrEmpty(kindText) ? "opinion" : kindText, out var kind) || kind == EntryKind.Decision)
        {
            return (null, ReviewAnswer.Refused(400, T.BadRequestTitle, T.BadKind(kindText)));
        }

        ItemRef? item = null;
        if (!string.IsNullOrEmpty(itemText))
        {
            if (!ItemRef.TryParse(itemText, out var parsed))
            {
                return (null, ReviewAnswer.Refused(400, T.BadRequestTitle, ReportsText.BadItem(itemText)));
            }

            item = parsed;
        }

        var (found, refused) = await FindAsync(http, rid, cid).ConfigureAwait(false);
        if (found is not var (meeting, candidate))
        {
            return (null, refused);
        }

        if (item is { } other && other.MeetingId != meeting.Meeting.Id)
        {
            return (null, ReviewAnswer.Refused(409, ReportsText.RefusedTitle, ReviewText.OtherMeeting(cid, other)));
        }

        var spoken = http.RequestServices.GetRequiredService<SpokenRemarks>();
        return (await spoken.AcceptAsync(meeting, candidate, kind, item, http.RequestAborted).ConfigureAwait(false), null);
    }

    /// <summary>The candidate <paramref name="cid"/> of report <paramref name="rid"/> with its meeting, or the 404 naming what is missing.</summary>
    private static async Task<((SpokenMeeting Meeting, NamedCandidate Candidate)? Found, ReviewAnswer? Refused)> FindAsync(HttpContext http, string rid, string cid)
    {
        ArgumentNullException.ThrowIfNull(http);
        var spoken = http.RequestServices.GetRequiredService<SpokenRemarks>();
        if (await ReadAsync(rid, http, http.RequestServices.GetRequiredService<IReportRecordStore>(), spoken).ConfigureAwait(false) is not (_, var meetings))
        {
            return (null, ReviewAnswer.Refused(404, ReportsText.NotFoundTitle, ReportsText.NoReport(rid)));
        }

        var meeting = meetings.FirstOrDefault(m => m.Candidates.Any(c => c.Id == cid));
        return meeting is null
            ? (null, ReviewAnswer.Refused(404, ReportsText.NotFoundTitle, ReviewText.NoCandidate(cid)))
            : ((meeting, meeting.Candidates.Single(c => c.Id == cid)), null);
    }

    /// <summary>
    /// <c>multipart/form-data</c> with one or more files named by what they are: <c>*.vtt</c> (WebVTT),
    /// <c>*.transcript.json</c> (Meet entries), <c>*.attendance.json</c> (Graph attendance records). What is uploaded
    /// replaces that part of the stored record (a transcript alone keeps the stored attendance, and the other way round),
    /// and stops the collector asking. A bad file is 400 naming <c>file:line:</c>; nothing is stored then.
    /// </summary>
    private static async Task<IResult> UploadAsync(string id, HttpContext http, IMeetingStore store, IOptions<StaffOptions> options)
    {
        if (await StaffForms.RefuseSessionChangeAsync(http, options.Value).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var request = http.Request;
        if (request.ContentLength > MaxUploadRequestBytes)
        {
            return ReportsApi.Problem(413, T.TooLargeTitle, T.TooLarge(WebVttReader.MaxBytes / 1024 / 1024));
        }

        if (await store.GetDefinitionAsync(id, http.RequestAborted).ConfigureAwait(false) is null)
        {
            return ReportsApi.Problem(404, ReportsText.NotFoundTitle, ReportsText.NoMeeting(id));
        }

        if (!request.HasFormContentType)
        {
            return ReportsApi.Problem(415, T.NoFilesTitle, T.NoFiles);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return ReportsApi.Problem(400, T.NoFilesTitle, T.NoFiles);
        }

        var stored = await StoreUploadAsync(http, id, form).ConfigureAwait(false);
        return stored.Refused is { } no
            ? ReportsApi.Problem(no.Status, no.Title ?? "", no.Detail ?? "")
            : TypedResults.Json(new JsonObject
            {
                ["meetingId"] = id,
                ["cues"] = stored.Cues,
                ["attendance"] = stored.Attendance,
                ["candidates"] = stored.Candidates,
            });
    }

    /// <summary>What an upload stored (counts), or why nothing was stored.</summary>
    public sealed record UploadOutcome(ReviewAnswer? Refused, int Cues = 0, int Attendance = 0, int Candidates = 0);

    /// <summary>
    /// The one implementation of a staff upload, for the API and the workspace's form (each has passed its own gate and
    /// read the form): files named by what they are, each at most <see cref="WebVttReader.MaxBytes"/> (413), of a known
    /// kind (415) and readable (400 naming <c>file:line:</c>); what is uploaded replaces that part of the stored record.
    /// </summary>
    public static async Task<UploadOutcome> StoreUploadAsync(HttpContext http, string id, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(form);
        var services = http.RequestServices;
        var store = services.GetRequiredService<IMeetingStore>();
        var transcripts = services.GetRequiredService<ITranscriptStore>();
        var spoken = services.GetRequiredService<SpokenRemarks>();
        var meeting = await store.GetDefinitionAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (meeting is null)
        {
            return new(ReviewAnswer.Refused(404, ReportsText.NotFoundTitle, ReportsText.NoMeeting(id)));
        }

        if (form.Files.Count == 0)
        {
            return new(ReviewAnswer.Refused(400, T.NoFilesTitle, T.NoFiles));
        }

        var runtime = await store.GetRuntimeAsync(id, http.RequestAborted).ConfigureAwait(false) ?? MeetingRuntime.NotStartedFor(meeting);
        IReadOnlyList<TranscriptCue>? cues = null;
        IReadOnlyList<AttendanceRecord>? attendance = null;
        try
        {
            foreach (var file in form.Files)
            {
                var name = Path.GetFileName(file.FileName);
                if (file.Length > WebVttReader.MaxBytes)
                {
                    return new(ReviewAnswer.Refused(413, T.TooLargeTitle, T.TooLarge(WebVttReader.MaxBytes / 1024 / 1024)));
                }

                var text = await ReadTextAsync(file, name, http.RequestAborted).ConfigureAwait(false);
                if (name.EndsWith(".attendance.json", StringComparison.OrdinalIgnoreCase))
                {
                    attendance = Once(attendance, TranscriptJsonReader.ReadAttendance(text, name), name);
                }
                else if (name.EndsWith(".transcript.json", StringComparison.OrdinalIgnoreCase))
                {
                    cues = Once(cues, TranscriptJsonReader.ReadMeetEntries(text, name), name);
                }
                else if (name.EndsWith(".vtt", StringComparison.OrdinalIgnoreCase))
                {
                    cues = Once(cues, WebVttReader.Read(text, name, runtime.StartedAt), name);
                }
                else
                {
                    return new(ReviewAnswer.Refused(415, T.UnknownFileTitle, T.UnknownFile(name)));
                }
            }
        }
        catch (MeetingBotException ex)
        {
            return new(ReviewAnswer.Refused(400, T.BadFileTitle, ex.Describe()));
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var stored = await transcripts.GetTranscriptAsync(id, http.RequestAborted).ConfigureAwait(false);
        var names = string.Join(", ", form.Files.Select(f => Path.GetFileName(f.FileName)));
        var next = new StoredTranscript
        {
            MeetingId = id,
            Source = "upload",
            Status = TranscriptStatus.Collected,
            Cues = cues ?? stored?.Cues ?? [],
            Attendance = attendance ?? stored?.Attendance ?? [],
            Attempts = [.. stored?.Attempts ?? [], new TranscriptAttempt(now, TranscriptAttemptOutcome.Collected, T.Uploaded(StaffAccess.NameOf(http), names))],
            UpdatedAt = now,
        };
        var warning = attendance is null ? [] : spoken.QuorumWarning(meeting, next.Attendance, now);
        await transcripts.SaveTranscriptAsync(next, warning, http.RequestAborted).ConfigureAwait(false);
        var view = spoken.Align(new MeetingRecord(meeting, runtime, await store.GetEntriesAsync(id, http.RequestAborted).ConfigureAwait(false)), next);
        return new(null, next.Cues.Count, next.Attendance.Count, view.Candidates.Count);
    }

    private static T2 Once<T2>(T2? already, T2 read, string name)
        where T2 : class =>
        already is null ? read : throw new MeetingBotException(T.Twice, name);

    private static async Task<string> ReadTextAsync(IFormFile file, string name, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenReadStream();
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            throw new MeetingBotException(T.NotUtf8, name);
        }
    }

    private static async Task<AcceptBody?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength is 0 or null && !http.Request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await http.Request.ReadFromJsonAsync<AcceptBody>(http.RequestAborted).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            return new AcceptBody("?", null);
        }
    }

    /// <summary>The report and its meetings' spoken remarks; null when there is no such report.</summary>
    private static async Task<(ReviewedReport, IReadOnlyList<SpokenMeeting>)?> ReadAsync(string rid, HttpContext http, IReportRecordStore store, SpokenRemarks spoken)
    {
        var stored = await store.GetReportAsync(rid, http.RequestAborted).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var report = ReviewJson.Read(stored.State);
        var meetings = await spoken.ForMeetingsAsync(report.MeetingIds, http.RequestAborted).ConfigureAwait(false);
        return meetings is null ? null : (report, meetings);
    }

    private static JsonObject MeetingView(ReviewedReport report, SpokenMeeting m)
    {
        var meeting = m.Meeting;
        string Local(DateTimeOffset at) => meeting.ToLocal(at).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["meetingId"] = meeting.Id,
            ["subcommittee"] = meeting.Subcommittee,
            ["transcript"] = m.Transcript is not { } t ? null : new JsonObject
            {
                ["source"] = t.Source,
                ["status"] = t.Status.ToString().ToLowerInvariant(),
                ["nextAttemptAt"] = t.NextAttemptAt is { } next ? Local(next) : null,
                ["cues"] = t.Cues.Count,
                ["attempts"] = new JsonArray([.. t.Attempts.Select(a => (JsonNode)new JsonObject
                {
                    ["at"] = Local(a.At),
                    ["outcome"] = a.Outcome.ToString(),
                    ["reason"] = a.Reason,
                })]),
            },
            ["attendance"] = m.Attendance is not { } a ? null : new JsonObject
            {
                ["present"] = Names(a.Present.Select(p => p.Name)),
                ["absent"] = Names(a.Absent.Select(p => p.Name)),
                ["unknown"] = Names(a.Unknown),
                ["quorum"] = meeting.Quorum,
                ["quorumMet"] = a.QuorumMet(meeting.Quorum),
                ["quorumLine"] = a.QuorumLine(meeting.Quorum),
            },
            ["candidates"] = new JsonArray([.. m.Candidates.Select(c =>
            {
                var decision = report.Candidates.FirstOrDefault(d => d.Id == c.Id);
                return (JsonNode)new JsonObject
                {
                    ["id"] = c.Id,
                    ["item"] = new ItemRef(meeting.Id, c.Remark.Item).ToString(),
                    ["itemTitle"] = meeting.Item(c.Remark.Item)?.Title,
                    ["speaker"] = c.Remark.Speaker,
                    ["spokenAs"] = c.Remark.SpokenAs,
                    ["start"] = Local(c.Remark.Start),
                    ["end"] = Local(c.Remark.End),
                    ["text"] = c.Remark.Text,
                    ["sources"] = Names(c.Remark.Sources),
                    ["duplicateOf"] = c.Remark.DuplicateOf,
                    ["status"] = decision?.Status switch
                    {
                        CandidateDecision.Accepted => Accepted,
                        CandidateDecision.Ignored => Ignored,
                        _ => Candidate,
                    },
                    ["bulletId"] = decision?.BulletId,
                    ["decidedBy"] = decision?.Who,
                    ["decidedAt"] = decision is null ? null : Local(decision.At),
                };
            })]),
            ["dropped"] = new JsonArray([.. m.Dropped.Select(d => (JsonNode)new JsonObject
            {
                ["sources"] = Names(d.Sources),
                ["reason"] = d.Reason.ToString().ToLowerInvariant(),
            })]),
        };
    }

    private static JsonArray Names(IEnumerable<string> names) => new([.. names.Select(n => (JsonNode?)n)]);
}

/// <summary>What the candidates API says (Korean), in one place.</summary>
internal static class CandidatesText
{
    public const string BadRequestTitle = "요청이 잘못되었습니다.";
    public const string NoFilesTitle = "올린 파일이 없습니다.";
    public const string NoFiles = "multipart 양식에 발언 기록(.vtt, .transcript.json)이나 참석 기록(.attendance.json) 파일을 넣어 보내세요.";
    public const string UnknownFileTitle = "알 수 없는 파일입니다.";
    public const string BadFileTitle = "파일을 읽을 수 없습니다.";
    public const string TooLargeTitle = "파일이 너무 큽니다.";
    public const string Twice = "같은 종류의 파일(발언 기록 또는 참석 기록)을 두 개 올렸습니다. 하나만 올리세요.";
    public const string NotUtf8 = "UTF-8 텍스트 파일이 아닙니다.";

    public static string BadKind(string? kind) => $"kind '{kind}'은(는) 의견·질문·제안(opinion, question, proposal) 중 하나여야 합니다.";

    public static string UnknownFile(string name) =>
        $"'{name}'은(는) 발언 기록(.vtt, .transcript.json)도 참석 기록(.attendance.json)도 아닙니다. 파일 이름 끝을 확인하세요.";

    public static string TooLarge(long megabytes) => $"파일은 하나에 {megabytes}MB까지 올릴 수 있습니다.";

    public static string Uploaded(string who, string files) => $"{who}이(가) 파일을 올렸습니다: {files}";
}
