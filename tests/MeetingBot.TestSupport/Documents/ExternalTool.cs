using System.Diagnostics;

namespace MeetingBot.TestSupport.Documents;

/// <summary>Runs a command-line tool the render test needs, failing with the install command when it is missing.</summary>
public static class ExternalTool
{
    public const string InstallHint =
        "apt-get update && apt-get install -y --no-install-recommends libreoffice-writer fonts-nanum poppler-utils";

    public static string Run(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
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
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
            }

            return stdout.Result;
        }
    }
}
