using MeetingBot.Host.Cli;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Cli;

/// <summary>A temporary work folder, the command line run in-process, and a copy of the shared sample to change.</summary>
public abstract class CliTest : IDisposable
{
    protected CliTest() => Directory.CreateDirectory(Work);

    protected string Work { get; } = Path.Combine(Path.GetTempPath(), "meetingbot-cli-tests", Guid.NewGuid().ToString("N"));

    protected static string SharedFolder(params string[] parts) => Path.Combine([RepositoryFiles.Root, "..", "shared", .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        GC.SuppressFinalize(this);
    }

    protected static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Copies ../shared/samples/2020-09 into the work folder, so a test may break it.</summary>
    protected string SharedSample()
    {
        var dir = Path.Combine(Work, "in");
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(SharedFolder("samples", "2020-09")))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        return dir;
    }
}
