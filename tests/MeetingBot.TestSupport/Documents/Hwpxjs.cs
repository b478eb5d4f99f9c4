using Xunit;
using System.Diagnostics;
using System.Text.Json;

namespace MeetingBot.TestSupport.Documents;

/// <summary>
/// The independent npm reader @ssabrojs/hwpxjs, run through tests/tools/hwpxjs/extract.mjs with node.
/// Install: <c>npm ci --prefix tests/tools/hwpxjs</c>.
/// </summary>
public static class Hwpxjs
{
    public const string InstallCommand = "npm ci --prefix tests/tools/hwpxjs";

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public static string? ToolDirectory { get; } = FindToolDirectory();

    public static bool IsInstalled =>
        ToolDirectory is not null && File.Exists(Path.Combine(ToolDirectory, "node_modules", "@ssabrojs", "hwpxjs", "package.json"));

    public static bool IsCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <param name="Images">The pictures the reader's HTML rendering embeds, in document order.</param>
    public sealed record Extracted(string[] Paragraphs, string[] Cells, Image[] Images);

    /// <summary>A picture as the reader found it: its BinData path, the type it reads from the name, its bytes (null when missing).</summary>
    public sealed record Image(string Path, string MimeType, string? Base64)
    {
        public byte[] Bytes => Base64 is null ? [] : Convert.FromBase64String(Base64);
    }

    public static Extracted Extract(string hwpxPath)
    {
        if (!IsInstalled)
        {
            Assert.Fail($"@ssabrojs/hwpxjs is not installed; run `{InstallCommand}` from the repository root.");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ToolDirectory!,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(ToolDirectory!, "extract.mjs"));
        start.ArgumentList.Add(hwpxPath);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("hwpxjs did not finish within two minutes");
        }

        Assert.True(process.ExitCode == 0, $"hwpxjs failed ({process.ExitCode}): {stderr.Result}");
        return JsonSerializer.Deserialize<Extracted>(stdout, JsonOptions)!;
    }

    private static string? FindToolDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MeetingBot.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "tools", "hwpxjs");
            }
        }

        return null;
    }
}

/// <summary>
/// A fact that needs hwpxjs. Outside CI a missing install skips with the install command; under CI (env CI set)
/// the test runs and fails, so a missing install step cannot pass unnoticed.
/// </summary>
public sealed class HwpxjsFactAttribute : FactAttribute
{
    public HwpxjsFactAttribute()
    {
        if (!Hwpxjs.IsInstalled && !Hwpxjs.IsCi)
        {
            Skip = $"@ssabrojs/hwpxjs is not installed (run `{Hwpxjs.InstallCommand}`); required when CI is set.";
        }
    }
}

/// <inheritdoc cref="HwpxjsFactAttribute"/>
public sealed class HwpxjsTheoryAttribute : TheoryAttribute
{
    public HwpxjsTheoryAttribute()
    {
        if (!Hwpxjs.IsInstalled && !Hwpxjs.IsCi)
        {
            Skip = $"@ssabrojs/hwpxjs is not installed (run `{Hwpxjs.InstallCommand}`); required when CI is set.";
        }
    }
}
