using MeetingBot.Core.Engine;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Services;

/// <summary>
/// The timebox clock: every tick it asks the engine (and so the store) which warnings are due. The engine commits each
/// warning to the outbox with the clock state that records it, so it leaves behind the replies already waiting there.
/// </summary>
public sealed partial class TimeboxClockService(
    MeetingEngine engine,
    TimeProvider time,
    IOptions<TimeboxOptions> options,
    ILogger<TimeboxClockService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await engine.TickAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTickFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.TickInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "타임박스 시계 처리 중 오류가 났습니다. 다음 주기에 다시 시도합니다.")]
    private static partial void LogTickFailed(ILogger logger, Exception ex);
}
