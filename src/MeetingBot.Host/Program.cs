using MeetingBot.Host;
using MeetingBot.Host.Cli;

if (CommandLine.IsVerb(args))
{
    Console.OutputEncoding = System.Text.Encoding.UTF8;
    return await CommandLine.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddMeetingBot();

var app = builder.Build();
app.MapMeetingBot();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so <c>WebApplicationFactory&lt;Program&gt;</c> can host it in tests.</summary>
public partial class Program;
