using MeetingBot.Host.Cli;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Cli;

/// <summary>A temporary work folder, the command line run in-process, and a copy of the shared sample to change.</summary>
public abstract class CliTest : IDisposable
{
    protected CliTest() => Directory.CreateDirectory(Work);

    protected string Work { get; } = Path.Combine(Path.GetTempPath(), "meetingbot-cli-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    protected static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Copies the shared sample (the repository's strategy meeting and chat) into the work folder, so a test may break it.</summary>
    protected string SharedSample()
    {
        var dir = Path.Combine(Work, "in");
        Directory.CreateDirectory(dir);
        RepositoryFiles.CopySample(dir, "strategy");
        return dir;
    }
}
