using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Reports;
using MeetingBot.Reports.Drafting;

namespace MeetingBot.Host.Services;

/// <summary>Where the report a staff view shows came from.</summary>
public enum ReportOrigin
{
    /// <summary>The delivered <c>report.json</c>, read back: what staff were sent.</summary>
    Delivered,

    /// <summary>Not delivered yet: built from the record so far by the rules.</summary>
    Preview,

    /// <summary>Delivered, but its <c>report.json</c> could not be read: built from the record by the rules instead.</summary>
    DeliveredUnreadable,
}

/// <summary>The report a staff view shows, where it came from, and the delivered folder when it is the delivered one.</summary>
public sealed record StaffReport(Report Report, ReportOrigin Origin, string? Folder = null);

/// <summary>
/// Builds reports from what the store holds, and gives staff views the delivered report once there is one. Staff views
/// never call the configured drafter: a language model would cost time and tokens on every view, and its text could
/// differ from what was delivered.
/// </summary>
public sealed partial class ReportService(IMeetingStore store, IOpinionDrafter drafter, ReportFiles files, ILogger<ReportService> logger)
{
    private static readonly RuleDrafter Rules = new();

    public ReportFiles Files => files;

    /// <summary>The configured drafter's name (<c>rules</c>, <c>azure-openai</c>): what delivery drafts with.</summary>
    public string DrafterName => drafter.Name;

    /// <summary>The report to deliver, drafted by the configured drafter.</summary>
    public Task<Report> BuildAsync(MeetingRecord record, CancellationToken cancellationToken) =>
        BuildAsync([record], cancellationToken);

    /// <summary>One report of several meetings (a combined one, SPEC §6), drafted by the configured drafter.</summary>
    public Task<Report> BuildAsync(IReadOnlyList<MeetingRecord> records, CancellationToken cancellationToken) =>
        new ReportBuilder(drafter).BuildAsync(records, cancellationToken);

    /// <summary>
    /// For the staff page and API: the delivered report once its files are written (whatever became of the notice),
    /// else a rules preview of the record so far, also when the delivered report.json cannot be read.
    /// </summary>
    public async Task<StaffReport> ForStaffAsync(MeetingRecord record, DeliveryRecord? delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var origin = ReportOrigin.Preview;
        if (delivery?.Folder is { } folder)
        {
            if (await ReadDeliveredAsync(record.Definition.Id, folder, cancellationToken).ConfigureAwait(false) is { } delivered)
            {
                return new StaffReport(delivered, ReportOrigin.Delivered, folder);
            }

            origin = ReportOrigin.DeliveredUnreadable;
        }

        var preview = await new ReportBuilder(Rules).BuildAsync([record], cancellationToken).ConfigureAwait(false);
        return new StaffReport(preview, origin);
    }

    /// <summary>
    /// The report delivered into <paramref name="folder"/>, read back from its report.json with its photos; null (and a
    /// warning) when it cannot be read.
    /// </summary>
    public async Task<Report?> ReadDeliveredAsync(string meetingId, string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "report.json");
        try
        {
            using var input = new MemoryStream(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
            var report = ReportJson.Read(input);
            return report.Meetings.Count == 1 && report.Meetings[0].Id == meetingId
                ? await ReportFiles.ReadPhotosAsync(report, folder, cancellationToken).ConfigureAwait(false)
                : throw new JsonException(ReportServiceText.OtherMeeting);
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            LogDeliveredUnreadable(logger, ex, meetingId, path);
            return null;
        }
    }

    /// <summary>
    /// The report in <paramref name="format"/> (<c>json</c> or a writer's format): the delivered file byte for byte when
    /// the view is the delivered report and the file can be read, else rendered from the view's report.
    /// </summary>
    public async Task<byte[]> RenderAsync(StaffReport view, string format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var writer = format == "json" ? null : files.Find(format) ?? throw new ArgumentException(format, nameof(format));
        if (view is { Origin: ReportOrigin.Delivered, Folder: { } folder })
        {
            var path = Path.Combine(folder, $"report.{format}");
            try
            {
                return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsUnreadable(ex))
            {
                LogDeliveredFileUnreadable(logger, ex, view.Report.Meetings[0].Id, path);
            }
        }

        using var buffer = new MemoryStream();
        if (writer is null)
        {
            ReportJson.Write(view.Report, buffer);
        }
        else
        {
            writer.Write(ReportLayout.Build(view.Report), buffer);
        }

        return buffer.ToArray();
    }

    public async Task<MeetingRecord?> LoadAsync(string meetingId, CancellationToken cancellationToken)
    {
        var meeting = await store.GetDefinitionAsync(meetingId, cancellationToken).ConfigureAwait(false);
        if (meeting is null)
        {
            return null;
        }

        var runtime = await store.GetRuntimeAsync(meetingId, cancellationToken).ConfigureAwait(false) ?? MeetingRuntime.NotStartedFor(meeting);
        var entries = await store.GetEntriesAsync(meetingId, cancellationToken).ConfigureAwait(false);
        return new MeetingRecord(meeting, runtime, entries);
    }

    private static bool IsUnreadable(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or JsonException or TimeZoneNotFoundException or InvalidTimeZoneException;

    [LoggerMessage(EventId = 420, Level = LogLevel.Warning, Message = "회의 {MeetingId}의 전달된 보고서 {Path}을(를) 읽지 못했습니다. 직원 화면은 지금 기록으로 만든 규칙 기반 미리보기를 보여 주고, 전달은 보고서를 다시 만듭니다.")]
    private static partial void LogDeliveredUnreadable(ILogger logger, Exception ex, string meetingId, string path);

    [LoggerMessage(EventId = 421, Level = LogLevel.Warning, Message = "회의 {MeetingId}의 전달된 파일 {Path}을(를) 읽지 못해 전달된 report.json에서 다시 그립니다.")]
    private static partial void LogDeliveredFileUnreadable(ILogger logger, Exception ex, string meetingId, string path);
}

internal static class ReportServiceText
{
    public const string OtherMeeting = "report.json 이 이 회의의 보고서가 아닙니다.";
}
