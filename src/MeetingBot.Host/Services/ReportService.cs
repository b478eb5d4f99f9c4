using MeetingBot.Core;
using MeetingBot.Reports;
using MeetingBot.Reports.Drafting;

namespace MeetingBot.Host.Services;

/// <summary>Builds reports from what the store holds.</summary>
public sealed class ReportService(IMeetingStore store, IOpinionDrafter drafter, ReportFiles files)
{
    public ReportFiles Files => files;

    public async Task<Report?> BuildAsync(string meetingId, CancellationToken cancellationToken)
    {
        var record = await LoadAsync(meetingId, cancellationToken).ConfigureAwait(false);
        return record is null ? null : await BuildAsync(record, cancellationToken).ConfigureAwait(false);
    }

    public Task<Report> BuildAsync(MeetingRecord record, CancellationToken cancellationToken) =>
        new ReportBuilder(drafter).BuildAsync([record], cancellationToken);

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
}
