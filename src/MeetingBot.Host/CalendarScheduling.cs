using MeetingBot.Calendar;
using MeetingBot.Calendar.Files;
using MeetingBot.Calendar.Scheduling;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host;

public static class CalendarScheduling
{
    /// <summary>
    /// Calendar sources (<c>Calendar</c> section, with <c>files</c> reading <c>Meetings:Folder</c>), the schedule
    /// table in the store, and the scheduler that reminds and starts meetings.
    /// </summary>
    public static IServiceCollection AddCalendarScheduling(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMeetingFilesSource();
        services.TryAddSingleton<CalendarStatus>();
        services.TryAddSingleton<IScheduleStore, StoreSchedule>();
        services.TryAddSingleton<MeetingScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<MeetingScheduler>());
        return services;
    }

    /// <summary>The calendar with the <c>files</c> source bound to <c>Meetings:Folder</c> (a source's own <c>Path</c> wins), templates left out.</summary>
    private static IServiceCollection AddMeetingFilesSource(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCalendar();
        services.TryAddSingleton<FilesCalendarSourceFactory>(sp =>
        {
            var folder = sp.GetRequiredService<IOptions<MeetingsOptions>>().Value.Folder;
            var templates = sp.GetRequiredService<CalendarTemplates>();
            return source => new MeetingFilesCalendarSource(source.Name, string.IsNullOrWhiteSpace(source.Path) ? folder : source.Path, templates.Files);
        });
        return services;
    }
}

/// <summary>
/// The store's schedule table. A forwarder rather than the store itself registered twice: the container disposes what
/// its factories return, and would dispose the store a second time.
/// </summary>
internal sealed class StoreSchedule(IMeetingStore store) : IScheduleStore
{
    private readonly IScheduleStore _schedule = store as IScheduleStore ?? throw new MeetingBotException("설정된 저장소가 일정 기록(IScheduleStore)을 지원하지 않습니다.");

    public Task<IReadOnlyList<ScheduledMeeting>> GetScheduleAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        _schedule.GetScheduleAsync(since, cancellationToken);

    public Task SaveScheduleAsync(ScheduledMeeting entry, CancellationToken cancellationToken = default) =>
        _schedule.SaveScheduleAsync(entry, cancellationToken);
}
