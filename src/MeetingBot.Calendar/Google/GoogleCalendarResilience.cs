using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
        ArgumentNullException.ThrowIfNull(timeProvider);
        var log = logger ?? NullLogger.Instance;
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromMinutes(1),
                ShouldRetryAfterHeader = true,
                OnRetry = args =>
                {
                    CalendarLog.Retrying(log, args.AttemptNumber + 1, args.RetryDelay, (int?)args.Outcome.Result?.StatusCode ?? 0);
                    return default;
                },
            })
            .Build();
    }
}
