using System.Text;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests;

/// <summary>
/// Folders that outlive one host: the SQLite file, the meetings folder and the reports folder. A second host on the
/// same folders is a restart.
/// </summary>
public sealed class HostWork : IDisposable
{
    public HostWork()
    {
        Root = Directory.CreateTempSubdirectory("meetingbot-host-").FullName;
        Directory.CreateDirectory(Meetings);
    }

    /// <summary>The shared sample beside the repository (in CI) or further up (in a worktree).</summary>
    public static string SampleFolder { get; } = FindSample();

    public string Root { get; }
    public string Database => Path.Combine(Root, "meetingbot.db");
    public string Meetings => Path.Combine(Root, "meetings");
    public string Reports => Path.Combine(Root, "reports");

    /// <summary>A work folder whose meetings folder holds the shared 2020-09 sample.</summary>
    public static HostWork WithSharedSample()
    {
        var work = new HostWork();
        foreach (var file in Directory.GetFiles(SampleFolder))
        {
            File.Copy(file, Path.Combine(work.Meetings, Path.GetFileName(file)));
        }

        return work;
    }

    public void AddMeeting(string id, string yaml) => File.WriteAllText(Path.Combine(Meetings, id + ".meeting.yaml"), yaml, Encoding.UTF8);

    /// <summary>Adds the repository's other September meetings (협치기반조성, 역량강화) beside the shared one.</summary>
    public void AddRepositoryMeetings()
    {
        foreach (var name in new[] { "foundation", "capacity" })
        {
            foreach (var file in Directory.GetFiles(RepositoryFiles.PathOf("samples", "2020-09"), name + ".*.yaml"))
            {
                File.Copy(file, Path.Combine(Meetings, Path.GetFileName(file)), overwrite: true);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it would not be.
        }
    }

    private static string FindSample()
    {
        for (var dir = new DirectoryInfo(RepositoryFiles.Root).Parent; dir is not null; dir = dir.Parent)
        {
            var sample = Path.Combine(dir.FullName, "shared", "samples", "2020-09");
            if (Directory.Exists(sample))
            {
                return sample;
            }
        }

        throw new DirectoryNotFoundException($"shared/samples/2020-09 not found above {RepositoryFiles.Root}");
    }
}
