using System.Diagnostics;
using System.Text;

namespace MeetingBot.TestSupport.Documents;

/// <summary>Runs a command-line tool a test needs, failing with the install command when it is missing.</summary>
public static class ExternalTool
{
    public const string InstallHint =
        "apt-get update && apt-get install -y --no-install-recommends libreoffice-writer fonts-nanum poppler-utils";

    /// <summary>Runs <paramref name="tool"/> and returns its output; a non-zero exit is an exception.</summary>
    public static string Run(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var (exitCode, stdout, stderr) = Execute(tool, arguments, timeout);
        return exitCode == 0 ? stdout : throw new InvalidOperationException($"{tool} exited with {exitCode}: {stderr}{stdout}");
    }

    /// <summary>Runs <paramref name="tool"/> to its end (killing it past <paramref name="timeout"/>) and returns what it said, UTF-8.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Execute(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not installed ({e.Message}). Install with: {InstallHint}", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not finish within {timeout.TotalSeconds:0} s");
            }

            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
