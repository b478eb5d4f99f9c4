using MeetingBot.Host;
using MeetingBot.Host.Cli;

Console.OutputEncoding = System.Text.Encoding.UTF8;
return CommandLine.IsServer(args)
    ? await MeetingBotServer.RunAsync(args, Console.Error)
    : await CommandLine.RunAsync(args, Console.Out, Console.Error);

/// <summary>Entry point, public so <c>WebApplicationFactory&lt;Program&gt;</c> can host it in tests.</summary>
public partial class Program;
