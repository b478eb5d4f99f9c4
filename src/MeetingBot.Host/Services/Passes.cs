namespace MeetingBot.Host.Services;

/// <summary>
/// The loop of a background service that works in passes: one pass now, then one every <c>interval</c> on the host's
/// clock; a pass that fails is logged and the next one tries again, and only the host's stop or a store that cannot be
/// written ends it.
/// </summary>
internal static class Passes
{
    public static async Task RunAsync(Func<CancellationToken, Task> pass, Func<TimeSpan> interval, TimeProvider time, Action<Exception> failed, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not Storage.StoreUnavailableException)
            {
                failed(ex);
            }

            await Task.Delay(interval(), time, stoppingToken).ConfigureAwait(false);
        }
    }
}
