using MeetingBot.Core;
using MeetingBot.Host.Services;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Api;

/// <summary>What the scheduler sees, for the staff page: each source's last poll (with its error) and the upcoming schedule.</summary>
public sealed record CalendarOverview(IReadOnlyList<CalendarSourceStatus> Sources, IReadOnlyList<ScheduledMeeting> Schedule);

public static class CalendarApi
{
    /// <summary><c>GET /api/calendar</c>, behind the staff key like the rest of the staff API.</summary>
    public static RouteHandlerBuilder MapCalendarApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.MapGet("/api/calendar", GetAsync);
    }

    public static async Task<IResult> GetAsync(HttpContext context, IOptions<StaffOptions> staff, CalendarStatus status, IScheduleStore schedule, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(staff);
        if (!StaffApi.IsStaff(context.Request, staff.Value))
        {
            return TypedResults.Problem(statusCode: 401, title: "인증이 필요합니다.", detail: "Authorization: Bearer <Staff:ApiKey> 헤더가 필요합니다.");
        }

        var rows = await schedule.GetScheduleAsync(time.GetUtcNow() - MeetingScheduler.LookBack, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new CalendarOverview(status.Sources, rows));
    }
}
