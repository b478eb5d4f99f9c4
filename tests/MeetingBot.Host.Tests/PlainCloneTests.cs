using System.Text.RegularExpressions;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests;

/// <summary>
/// Every test must pass on a plain clone. CI and the engineers' worktrees have the shared folder beside the
/// repository, so a test reading it passes there and fails only on a plain clone: this catches it where it is written.
/// </summary>
public sealed partial class PlainCloneTests
{
    [Fact]
    public void TestSources_ReadOnlyTheRepository_NeverTheSharedFolderBesideIt_OrAMachinePath()
    {
        var tests = RepositoryFiles.PathOf("tests");
        var offenders = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(tests, f)) && Path.GetFileName(f) != nameof(PlainCloneTests) + ".cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(RepositoryFiles.Root, f), Line: i + 1, Text: line)))
            .Where(l => BesideTheRepository().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "read the repository's copy through RepositoryFiles instead:\n" + string.Join('\n', offenders));
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules");

    // "..", "shared" · ../shared · "shared", "samples" (any folder of it) · an absolute /work/ path.
    [GeneratedRegex("""("\.\."\s*,\s*"shared")|(\.\.[/\\]shared)|("shared"\s*,\s*"(samples|reference|bench|design|hooks)")|(["']/work/)""")]
    private static partial Regex BesideTheRepository();
}
