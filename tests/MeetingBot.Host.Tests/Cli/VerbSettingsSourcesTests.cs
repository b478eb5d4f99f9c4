using MeetingBot.Host.Cli;

namespace MeetingBot.Host.Tests.Cli;

/// <summary>
/// The verbs start from the server's own builder: a setting given through any source the server reads — the working
/// folder's <c>appsettings.json</c> and <c>appsettings.{Environment}.json</c>, an environment variable, the command
/// line — reaches the verb as it reaches the server, and both refuse a bad one naming it. Real processes, each in its
/// own working folder.
/// </summary>
public sealed class VerbSettingsSourcesTests : CliTest
{
    public enum Source
    {
        AppSettings,
        EnvironmentAppSettings,
        EnvironmentVariable,
        CommandLine,
    }

    public static TheoryData<Source> EverySource => [.. Enum.GetValues<Source>()];

    /// <summary>The environment and extra arguments that give <paramref name="key"/> = <paramref name="value"/> through <paramref name="source"/>.</summary>
    private (Dictionary<string, string> Environment, string[] Args) Give(Source source, string key, string value)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var (section, name) = (key[..key.IndexOf(':', StringComparison.Ordinal)], key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var json = $$"""{ "{{section}}": { "{{name}}": "{{value.Replace("\\", "\\\\", StringComparison.Ordinal)}}" } }""";
        switch (source)
        {
            case Source.AppSettings:
                File.WriteAllText(Path.Combine(Work, "appsettings.json"), json);
                return (environment, []);
            case Source.EnvironmentAppSettings:
                environment["DOTNET_ENVIRONMENT"] = "Staging";
                File.WriteAllText(Path.Combine(Work, "appsettings.Staging.json"), json);
                return (environment, []);
            case Source.EnvironmentVariable:
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
                return (environment, []);
            default:
                return (environment, [$"--{key}={value}"]);
        }
    }

    private Task<ProcessResult> RunAsync(Source source, string key, string value, params string[] verb)
    {
        var (environment, settings) = Give(source, key, value);
        // The rest in environment variables, which a file would not override: only where the test gives nothing.
        foreach (var (name, fallback) in new[] { ("Storage:ConnectionString", $"Data Source={Path.Combine(Work, "bot.db")}"), ("Meetings:Folder", Work) })
        {
            if (name != key)
            {
                environment.TryAdd(name.Replace(":", "__", StringComparison.Ordinal), fallback);
            }
        }
        return MeetingBotProcess.RunAsync(Work, environment, [.. verb, .. settings]);
    }

    [Theory]
    [MemberData(nameof(EverySource))]
    public async Task ABadSetting_FromEachSourceTheServerReads_StopsTheServer_AndEveryVerb_NamingIt(Source source)
    {
        var sample = SharedSample();

        var server = await RunAsync(source, "Timebox:OverrunEvery", "00:00:10");
        var check = await RunAsync(source, "Timebox:OverrunEvery", "00:00:10", "check-settings");
        var simulate = await RunAsync(source, "Timebox:OverrunEvery", "00:00:10", "simulate", sample, "--out", Path.Combine(Work, "out"));

        ServerStartupTests.AssertBadSettings(server, "Timebox:OverrunEvery");
        foreach (var verb in new[] { check, simulate })
        {
            Assert.True(verb.Code == CommandLine.BadInput, verb.ToString());
            Assert.Contains(verb.ErrLines, l => l.StartsWith("오류: Timebox:OverrunEvery 는 1분 이상이어야 합니다.", StringComparison.Ordinal));
            Assert.DoesNotContain("   at ", verb.Err, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(Work, "out")));
    }

    [Theory]
    [MemberData(nameof(EverySource))]
    public async Task Import_WritesToTheStore_NamedInEachSourceTheServerReads(Source source)
    {
        var sample = SharedSample();
        var database = Path.Combine(Work, "from-" + source + ".db");

        var result = await RunAsync(source, "Storage:ConnectionString", $"Data Source={database}", "import", sample);

        Assert.True(result.Code == CommandLine.Ok, result.ToString());
        Assert.Contains(result.Out.Split('\n'), l => l.StartsWith("가져옴: ", StringComparison.Ordinal));
        Assert.True(File.Exists(database), result.ToString());
        Assert.False(File.Exists(Path.Combine(Work, "bot.db")));
    }

    [Fact]
    public async Task CheckSettings_WithGoodSettings_SaysSo_AndASettingsFileWinsOverTheEnvironment()
    {
        var file = Path.Combine(Work, "good.json");
        await File.WriteAllTextAsync(file, """{ "Timebox": { "OverrunEvery": "00:03:00" } }""");

        var result = await RunAsync(Source.EnvironmentVariable, "Timebox:OverrunEvery", "00:00:10", "check-settings", "--settings", file);

        Assert.True(result.Code == CommandLine.Ok, result.ToString());
        Assert.Equal(CheckSettingsCommand.AllWell, Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }

    /// <summary>check-settings checks every section the server checks, not only those a verb reads.</summary>
    [Fact]
    public async Task CheckSettings_NamesEveryBadSection_AsTheServerDoes()
    {
        var environment = new Dictionary<string, string>
        {
            ["Teams__AppId"] = "3b5e1f0a-7c2d-4e8f-9a1b-0c2d3e4f5a6b",
            ["Staff__ApiKey"] = "short",
            ["Storage__Provider"] = "mysql",
            ["Drafting__Provider"] = "gpt",
            ["ForwardedHeaders__KnownProxies__0"] = "proxy",
        };

        var server = await MeetingBotProcess.RunAsync(Work, environment);
        var check = await MeetingBotProcess.RunAsync(Work, environment, "check-settings");

        string[] named = ["Teams:AppPassword", "Teams:TenantId", "Staff:ApiKey", "Storage:Provider", "Drafting:Provider", "ForwardedHeaders:KnownProxies:0"];
        ServerStartupTests.AssertBadSettings(server, named);
        Assert.True(check.Code == CommandLine.BadInput, check.ToString());
        var serverLines = server.ErrLines.Where(l => l.StartsWith("설정 오류: ", StringComparison.Ordinal)).Select(l => l["설정 오류: ".Length..]).ToList();
        var checkLines = check.ErrLines.Select(l => l.StartsWith("오류: ", StringComparison.Ordinal) ? l["오류: ".Length..] : l).ToList();
        Assert.Equal(serverLines, checkLines);
        Assert.All(named, n => Assert.Contains(checkLines, l => l.Contains(n, StringComparison.Ordinal)));
    }

    /// <summary>Only a section the server knows is a setting after a verb; anything else stays an unknown option.</summary>
    [Fact]
    public async Task AfterAVerb_AnUnknownSection_IsAnUnknownOption_NotASetting()
    {
        var (code, _, err) = await RunAsync("check-settings", "--Frob:X=1");

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("--Frob:X", err, StringComparison.Ordinal);
        Assert.Contains("--settings", err, StringComparison.Ordinal);
    }
}
