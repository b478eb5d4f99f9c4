using System.Diagnostics;
using System.Text;

namespace MeetingBot.Host.Tests.Cli;

/// <summary>What a finished <c>meetingbot</c> process left: its exit code and both streams.</summary>
public sealed record ProcessResult(int Code, string Out, string Err)
{
    /// <summary>The lines on standard error, for asserting that each problem has its own.</summary>
    public IReadOnlyList<string> ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {Code}\n--- stderr\n{Err}\n--- stdout\n{Out}";
}

/// <summary>
/// The built <c>meetingbot</c> program (copied beside the tests) run as its own process, as a supervisor or a user
/// runs it: settings through <c>Section__Key</c> environment variables, its own working folder, the real exit code.
/// A process still running when the test ends is killed.
/// </summary>
public sealed class MeetingBotProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MeetingBotProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_out)
            {
                _out.AppendLine(e.Data);
            }

            if (e.Data.Contains("Now listening on", StringComparison.Ordinal))
            {
                _listening.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_err)
                {
                    _err.AppendLine(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Runs to the end and returns what it left; a process that does not end within a minute fails the test.</summary>
    public static async Task<ProcessResult> RunAsync(string workFolder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        await using var process = Start(workFolder, environment, args);
        return await process.ExitAsync();
    }

    /// <summary>
    /// Starts it. Variables of MeetingBot's sections inherited from the test run are removed, so only
    /// <paramref name="environment"/> speaks; the server listens on a free loopback port unless told otherwise.
    /// </summary>
    public static MeetingBotProcess Start(string workFolder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "meetingbot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => ServerSettings.Sections.Any(s => k.StartsWith(s + "__", StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["Urls"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new MeetingBotProcess(Process.Start(start) ?? throw new InvalidOperationException("meetingbot did not start"));
    }

    /// <summary>Once the server says it listens (its log line on standard output).</summary>
    public async Task ListeningAsync()
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited).WaitAsync(Patience);
        Assert.True(first == _listening.Task, $"the server stopped before it listened:\n{Snapshot()}");
    }

    /// <summary>Where the server listens, from its "Now listening on" line (after <see cref="ListeningAsync"/>).</summary>
    public Uri Address
    {
        get
        {
            lock (_out)
            {
                var line = _out.ToString().Split('\n').First(l => l.Contains("Now listening on", StringComparison.Ordinal));
                return new Uri(line[(line.IndexOf("http", StringComparison.Ordinal))..].Trim());
            }
        }
    }

    /// <summary>Kills it as <c>kill -9</c> does (SIGKILL: no shutdown, no flush, no disposal) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(Patience);
    }

    public async Task<ProcessResult> ExitAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"meetingbot did not exit within {Patience.TotalSeconds:0} s:\n{Snapshot()}");
        }

        // Once more without the timeout: WaitForExitAsync returns only after both redirected streams have ended, so the
        // snapshot holds their last lines.
        await _process.WaitForExitAsync();
        return Snapshot();
    }

    private ProcessResult Snapshot()
    {
        lock (_out)
        {
            lock (_err)
            {
                return new ProcessResult(_process.HasExited ? _process.ExitCode : -1, _out.ToString(), _err.ToString());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
