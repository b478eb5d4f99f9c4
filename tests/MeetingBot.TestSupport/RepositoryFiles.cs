namespace MeetingBot.TestSupport;

/// <summary>
/// Files checked into the repository (samples, the reference report, manifests), found from the test binaries
/// upwards. Tests read only these: a plain clone, with nothing beside it, must pass every test.
/// </summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The three September meetings of the reference report (strategy, foundation, capacity).</summary>
    public static string Samples { get; } = PathOf("samples", "2020-09");

    /// <summary>
    /// The reference report as text (byte for byte the one the sample was written from), whose 13 ▸ bullets the
    /// strategy meeting's 13 tagged remarks reproduce.
    /// </summary>
    public static string ReferenceReport { get; } = PathOf("tests", "MeetingBot.Reports.Tests", "Drafting", "reference-2020-09.txt");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Copies the named sample meetings' meeting and chat files into <paramref name="folder"/>, replacing what is there.</summary>
    public static void CopySample(string folder, params string[] meetings)
    {
        foreach (var meeting in meetings)
        {
            var files = Directory.GetFiles(Samples, meeting + ".*.yaml");
            if (files.Length == 0)
            {
                throw new FileNotFoundException($"no {meeting}.*.yaml in {Samples}");
            }

            foreach (var file in files)
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
            }
        }
    }

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
