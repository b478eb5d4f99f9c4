using MeetingBot.Core;

namespace MeetingBot.Host.Cli;

/// <summary>
/// <c>meetingbot check-settings</c>: the settings read and checked exactly as the server reads and checks them at
/// start (the same builder, sources and validators), without starting it — to try a change before a restart.
/// </summary>
public static class CheckSettingsCommand
{
    public const string AllWell = "설정에 문제가 없습니다. 서버가 이 설정으로 시작할 수 있습니다.";

    public static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        if (args.Positional.Count != 0)
        {
            throw new MeetingBotException("check-settings 는 위치 인자를 받지 않습니다. 예: meetingbot check-settings --settings production.json");
        }

        await using (VerbHost.Open(args.Settings, args.Option("settings"), sections: null).ConfigureAwait(false))
        {
            await stdout.WriteLineAsync(AllWell).ConfigureAwait(false);
        }

        return CommandLine.Ok;
    }
}
