using MeetingBot.Core;
using MeetingBot.Storage;

namespace MeetingBot.Host.Services;

/// <summary>
/// Stops the host when the store finds its file damaged: serving on would take in messages it can no longer record
/// and answer staff with errors. The server then exits with <see cref="Cli.CommandLine.StoreUnavailable"/>.
/// </summary>
internal sealed partial class StoreWatch(IMeetingStore store, IHostApplicationLifetime lifetime, ILogger<StoreWatch> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is SqliteMeetingStore sqlite)
        {
            _ = StopWhenDamagedAsync(sqlite);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task StopWhenDamagedAsync(SqliteMeetingStore sqlite)
    {
        var damage = await sqlite.Damaged.ConfigureAwait(false);
        LogDamaged(logger, damage.Message);
        lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Critical, Message = "{Problem} 서버를 멈춥니다.")]
    private static partial void LogDamaged(ILogger logger, string problem);
}
