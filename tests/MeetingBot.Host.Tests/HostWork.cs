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

    public string Root { get; }
    public string Database => Path.Combine(Root, "meetingbot.db");
    public string Meetings => Path.Combine(Root, "meetings");
    public string Reports => Path.Combine(Root, "reports");

    /// <summary>A work folder whose meetings folder holds the shared sample: the repository's 전략사업 meeting (strategy).</summary>
    public static HostWork WithSharedSample()
    {
        var work = new HostWork();
        RepositoryFiles.CopySample(work.Meetings, "strategy");
        return work;
    }

    public void AddMeeting(string id, string yaml) => File.WriteAllText(Path.Combine(Meetings, id + ".meeting.yaml"), yaml, Encoding.UTF8);

    /// <summary>Adds the repository's other September meetings (협치기반조성, 역량강화) beside the shared one.</summary>
    public void AddRepositoryMeetings() => RepositoryFiles.CopySample(Meetings, "foundation", "capacity");

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
}
