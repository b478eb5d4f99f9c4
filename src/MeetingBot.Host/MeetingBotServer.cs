using MeetingBot.Core;
using MeetingBot.Host.Cli;
using MeetingBot.Storage;

namespace MeetingBot.Host;

/// <summary>
/// The server's start and stop as a supervisor sees them: a bad setting or an unusable store is one Korean line per
/// problem on standard error and an exit code (<see cref="CommandLine"/>), never a stack trace; a server that stops
/// because something failed exits non-zero, so <c>Restart=on-failure</c> restarts it.
/// </summary>
public static class MeetingBotServer
{
    public static async Task<int> RunAsync(string[] args, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        WebApplicationBuilder builder;
        try
        {
            builder = MeetingBotBuilder.Create(args);
        }
        catch (InvalidDataException ex)
        {
            await stderr.WriteLineAsync(SettingsText.Problem(SettingsText.UnreadableFile(ex))).ConfigureAwait(false);
            return CommandLine.BadInput;
        }

        var app = builder.Build();
        await using (app.ConfigureAwait(false))
        {
            var problems = SettingsCheck.Problems(app.Services, app.Configuration, SettingsCheck.ValidatedTypes(builder.Services));
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await stderr.WriteLineAsync(SettingsText.Problem(problem)).ConfigureAwait(false);
                }

                await stderr.WriteLineAsync(SettingsText.NotStarted).ConfigureAwait(false);
                return CommandLine.BadInput;
            }

            IMeetingStore store;
            try
            {
                store = app.Services.GetRequiredService<IMeetingStore>();
            }
            catch (StoreUnavailableException ex)
            {
                await stderr.WriteLineAsync(CommandLineText.Error(ex.Message)).ConfigureAwait(false);
                return CommandLine.StoreUnavailable;
            }

            app.MapMeetingBot();
            try
            {
                // Not RunAsync: it disposes the services, and what stopped the host is read from them below.
                await app.StartAsync().ConfigureAwait(false);
                await app.WaitForShutdownAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped while starting (the store found damaged, a service failed, a signal): the reason is read below.
                await app.StopAsync().ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                await stderr.WriteLineAsync(CommandLineText.Error(SettingsText.StartFailed(ex.Message))).ConfigureAwait(false);
                return CommandLine.Failed;
            }
            catch (StoreUnavailableException ex)
            {
                await stderr.WriteLineAsync(CommandLineText.Error(ex.Message)).ConfigureAwait(false);
                return CommandLine.StoreUnavailable;
            }

            return await ExitCodeAsync(app.Services, store, stderr).ConfigureAwait(false);
        }
    }

    /// <summary>After the host stopped: 0 when it was asked to, otherwise the code of what stopped it.</summary>
    private static async Task<int> ExitCodeAsync(IServiceProvider services, IMeetingStore store, TextWriter stderr)
    {
        if (store is SqliteMeetingStore { Damaged.IsCompletedSuccessfully: true } sqlite)
        {
            await stderr.WriteLineAsync(CommandLineText.Error((await sqlite.Damaged.ConfigureAwait(false)).Message)).ConfigureAwait(false);
            return CommandLine.StoreUnavailable;
        }

        // The host stops itself when a background service fails (BackgroundServiceExceptionBehavior.StopHost).
        var failed = services.GetServices<IHostedService>().OfType<BackgroundService>().FirstOrDefault(s => s.ExecuteTask is { IsFaulted: true });
        if (failed?.ExecuteTask?.Exception?.GetBaseException() is not { } error)
        {
            return CommandLine.Ok;
        }

        var line = error is StoreUnavailableException or MeetingBotException ? error.Message : SettingsText.StoppedByFailure(failed.GetType().Name, error.Message);
        await stderr.WriteLineAsync(CommandLineText.Error(line)).ConfigureAwait(false);
        return error is StoreUnavailableException ? CommandLine.StoreUnavailable : CommandLine.Failed;
    }
}
