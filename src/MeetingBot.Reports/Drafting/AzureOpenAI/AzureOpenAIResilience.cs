using System.ClientModel;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace MeetingBot.Reports.Drafting.AzureOpenAI;

/// <summary>
/// The Polly pipeline around one chat-completions call: retry (outermost) → circuit breaker → per-call timeout.
/// The SDK's own retries are switched off so that these are the only ones. A retry waits what the service asked
/// for (<c>retry-after-ms</c>, <c>Retry-After</c>) or else an exponential, jittered backoff.
/// </summary>
internal static class AzureOpenAIResilience
{
    // Half of the recent calls failing, over at least four calls, opens the circuit: one item's attempts are
    // enough evidence that the service is down, and later items then go to the rules at once.
    private const double FailureRatio = 0.5;
    private const int MinimumThroughput = 4;
    private static readonly TimeSpan SamplingDuration = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    // A Retry-After longer than this is not waited for; the report's budget would be gone anyway.
    internal static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(1);

    public static ResiliencePipeline Build(AzureOpenAIDraftingOptions options, TimeProvider time, ILogger logger)
    {
        var transient = new PredicateBuilder()
            .Handle<ClientResultException>(ex => IsTransient(ex.Status))
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>();
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = MaxBackoff,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception, time)),
                OnRetry = args =>
                {
                    AzureOpenAIDraftingLog.Retrying(logger, args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome.Exception));
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = FailureRatio,
                MinimumThroughput = MinimumThroughput,
                SamplingDuration = SamplingDuration,
                BreakDuration = options.BreakDuration,
                OnOpened = args =>
                {
                    AzureOpenAIDraftingLog.CircuitOpened(logger, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.CallTimeout)
            .Build();
    }

    /// <summary>408, 429 and 5xx are worth another try; 0 means no response arrived at all.</summary>
    public static bool IsTransient(int status) => status is 0 or 408 or 429 or >= 500;

    /// <summary>
    /// How long the service asked to wait: Azure's <c>retry-after-ms</c> / <c>x-ms-retry-after-ms</c>, else
    /// <c>Retry-After</c> in seconds or as an HTTP date; null when it did not say (or said something unusable).
    /// </summary>
    public static TimeSpan? RetryAfter(Exception? exception, TimeProvider time)
    {
        if (exception is not ClientResultException { } failure || failure.GetRawResponse() is not { } response)
        {
            return null;
        }

        TimeSpan? wait = null;
        foreach (var header in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
        {
            if (response.Headers.TryGetValue(header, out var ms)
                && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
                && milliseconds >= 0)
            {
                wait = TimeSpan.FromMilliseconds(milliseconds);
                break;
            }
        }

        if (wait is null && response.Headers.TryGetValue("Retry-After", out var retryAfter) && retryAfter is not null)
        {
            if (int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                wait = TimeSpan.FromSeconds(seconds);
            }
            else if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                wait = at - time.GetUtcNow();
            }
        }

        return wait is { } w && w >= TimeSpan.Zero ? (w > MaxRetryAfter ? MaxRetryAfter : w) : null;
    }

    internal static string Describe(Exception? exception) => exception switch
    {
        ClientResultException { Status: > 0 } failure => failure.Status.ToString(CultureInfo.InvariantCulture),
        TimeoutRejectedException => "timeout",
        BrokenCircuitException => "circuit-open",
        null => "",
        _ => exception.GetType().Name,
    };
}
