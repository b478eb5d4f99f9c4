namespace MeetingBot.TestSupport;

/// <summary>Files checked into the repository (samples, design docs), found from the test binaries upwards.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MeetingBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MeetingBot.sln not found above {AppContext.BaseDirectory}");
    }
}
