using MeetingBot.Core;
using MeetingBot.Calendar.Scheduling;

namespace MeetingBot.Host.Api;

/// <summary>What the scheduler sees, for the staff page: each source's last poll (with its error) and the upcoming schedule.</summary>
public sealed record CalendarOverview(IReadOnlyList<CalendarSourceStatus> Sources, IReadOnlyList<ScheduledMeeting> Schedule);

public static class CalendarApi
{
    /// <summary><c>GET /api/calendar</c>, behind the staff key like the rest of the staff API.</summary>
    public static RouteHandlerBuilder MapCalendarApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.MapGet("/api/calendar", GetAsync).AddEndpointFilter(StaffApi.RequireStaff);
    }

    public static async Task<IResult> GetAsync(HttpContext context, CalendarStatus status, IScheduleStore schedule, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rows = await schedule.GetScheduleAsync(time.GetUtcNow() - SchedulePlanner.LookBack, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new CalendarOverview(status.Sources, rows));
    }
}
