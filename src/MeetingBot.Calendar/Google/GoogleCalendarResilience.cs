using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MeetingBot.Web;
using Polly;

namespace MeetingBot.Calendar.Google;

/// <summary>
/// How calls to Google Calendar are retried: 429 and 5xx (and dropped connections) with exponential back-off and
/// jitter, waiting what the server asks for in Retry-After when it says so. A sync is polled again minutes later,
/// so retries stay few and a long Retry-After is capped rather than blocking the poll loop.
/// </summary>
public static class GoogleCalendarResilience
{
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(TimeProvider timeProvider, ILogger? logger = null)
    {
        var log = logger ?? NullLogger.Instance;
        return HttpRetry.CreatePipeline(timeProvider, (attempt, delay, status) => CalendarLog.Retrying(log, attempt, delay, status));
    }
}
