using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace MeetingBot.Web;

/// <summary>
/// How calls to a polled remote API (Google Calendar, Graph and Meet transcripts) are retried: 429 and 5xx (and dropped
/// connections) with exponential back-off and jitter, waiting what the server asks for in Retry-After when it says so.
/// The caller polls again minutes later, so retries stay few, and a Retry-After longer than <see cref="MaxWait"/> is not
/// waited out here: the answer goes back to the caller, who schedules its next poll after it. Shared as source.
/// </summary>
internal static class HttpRetry
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    /// <param name="onRetry">Told the attempt about to be made (2 = first retry), the wait and the status (0 = no answer).</param>
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(TimeProvider timeProvider, Action<int, TimeSpan, int>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = MaxWait,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome) && !AsksTooLong(args.Outcome.Result)),
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.AttemptNumber + 1, args.RetryDelay, (int?)args.Outcome.Result?.StatusCode ?? 0);
                    return default;
                },
            })
            .Build();
    }

    private static bool AsksTooLong(HttpResponseMessage? response) =>
        response?.Headers.RetryAfter is { } after
        && (after.Delta > MaxWait || (after.Date is { } date && response.Headers.Date is { } sent && date - sent > MaxWait));
}
