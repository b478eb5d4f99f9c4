using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Teams;

/// <summary>
/// The Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>, pinned in
/// <c>tests/tools/agentsplayground</c>): a Teams client and Bot Connector on 127.0.0.1, run as a child process.
/// Install: <c>npm ci --prefix tests/tools/agentsplayground</c>.
/// </summary>
public sealed class AgentsPlayground : IAsyncDisposable
{
    /// <summary>Tests that start a Playground run one at a time: two starting together keep one of them from coming up.</summary>
    public const string Collection = "Agents Playground";

    public const string InstallCommand = "npm ci --prefix tests/tools/agentsplayground";
    public const string BotId = "00000000-0000-0000-0000-00000000000b";
    public const string BotName = "회의봇";
    public const string CurrentUserId = "user-id-0";

    /// <summary>The Playground wants exactly five users besides the current one.</summary>
    public static readonly IReadOnlyList<(string Id, string Name)> Users =
    [
        ("user-id-1", "Megan Bowen"), ("user-id-2", "Adele Vance"), ("user-id-3", "Isaiah Langer"),
        ("user-id-4", "Patti Fernandez"), ("user-id-5", "Lynne Robbins"),
    ];

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _folder;

    private AgentsPlayground(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public static string ToolDirectory => RepositoryFiles.PathOf("tests", "tools", "agentsplayground");

    public static string Cli => Path.Combine(ToolDirectory, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");

    public static bool IsInstalled => File.Exists(Cli);

    public static bool IsCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public int Port { get; }

    /// <summary>The connector URL the Playground puts in every activity (it names itself <c>localhost</c>).</summary>
    public string ServiceUrl => $"http://localhost:{Port}/_connector";

    public string LogFile => Path.Combine(_folder, "playground.log");

    /// <summary>What the process printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the Playground against <paramref name="botEndpoint"/> with its own config (users, one group chat) and waits until it answers.</summary>
    public static async Task<AgentsPlayground> StartAsync(string botEndpoint, string groupChatId, string folder)
    {
        if (!IsInstalled)
        {
            Assert.Fail($"The Microsoft 365 Agents Playground is not installed; run `{InstallCommand}` from the repository root.");
        }

        var config = Path.Combine(folder, ".m365agentsplayground.yml");
        await File.WriteAllTextAsync(config, Config(groupChatId), Encoding.UTF8);
        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ToolDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Cli, "start", "-e", botEndpoint, "-c", "msteams", "--dt", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = config;
        start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(folder, "playground.log");

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var playground = new AgentsPlayground(process, folder, port);
        process.OutputDataReceived += (_, e) => playground.Append(e.Data);
        process.ErrorDataReceived += (_, e) => playground.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await playground.WaitUntilReadyAsync();
        return playground;
    }

    /// <summary>A user message typed in the Playground's chat; it reaches the bot from the current user, with the bot @mentioned.</summary>
    public async Task SayAsync(string conversationId, string text)
    {
        var mention = $"<at>{BotName}</at>";
        using var response = await Http.PostAsJsonAsync(
            new Uri($"http://127.0.0.1:{Port}/_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages"),
            new { from = new { id = CurrentUserId }, text = $"{mention} {text}", textFormat = "plain", mentions = new[] { new { mentioned = new { id = BotId }, text = mention } } });
        Assert.True(response.IsSuccessStatusCode, $"the Playground refused the message ({response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The texts of the bot messages the Playground's connector accepted into <paramref name="conversationId"/>, in order.</summary>
    public IReadOnlyList<string> AcceptedBotMessages(string conversationId)
    {
        if (!File.Exists(LogFile))
        {
            return [];
        }

        var texts = new List<string>();
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            // Each accepted send is logged as {"action":"createMessage","actionConversationId":…,"message":{…,"text":…}}.
            var at = line.IndexOf("{\"action\":\"createMessage\"", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            using var record = JsonDocument.Parse(line[at..]);
            // A card message has no text: it is read by AcceptedCards.
            if (record.RootElement.GetProperty("actionConversationId").GetString() == conversationId
                && record.RootElement.GetProperty("message").TryGetProperty("text", out var text))
            {
                texts.Add(text.GetString() ?? "");
            }
        }

        return texts;
    }

    /// <summary>
    /// The card messages the Playground's connector accepted into <paramref name="conversationId"/> (posted, then
    /// updated in place), in order: the log record's action, the message id it gave, and the first attachment's card.
    /// </summary>
    public IReadOnlyList<(string Action, string Id, JsonElement Card)> AcceptedCards(string conversationId)
    {
        if (!File.Exists(LogFile))
        {
            return [];
        }

        var cards = new List<(string, string, JsonElement)>();
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            // Posts are logged as createMessage, updates in place as updateMessage (both with the card as the message's attachment).
            var at = line.IndexOf("{\"action\":\"createMessage\"", StringComparison.Ordinal) is >= 0 and var created ? created
                : line.IndexOf("{\"action\":\"updateMessage\"", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            using var record = JsonDocument.Parse(line[at..]);
            var root = record.RootElement;
            if (root.TryGetProperty("actionConversationId", out var conversation) && conversation.GetString() == conversationId
                && root.TryGetProperty("message", out var message) && message.TryGetProperty("attachments", out var attachments) && attachments.GetArrayLength() > 0)
            {
                cards.Add((root.GetProperty("action").GetString()!, message.TryGetProperty("messageId", out var id) ? id.GetString()! : "", attachments[0].GetProperty("content").Clone()));
            }
        }

        return cards;
    }

    /// <summary>
    /// A click on the card message <paramref name="cardId"/> by <paramref name="userId"/> (any of the Playground's users), as its
    /// web page sends it: the Playground builds the <c>adaptiveCard/action</c> invoke, posts it to the bot and returns the
    /// bot's invoke response (<c>{type, value}</c>).
    /// </summary>
    public async Task<JsonElement> ClickAsync(string conversationId, string cardId, string userId, string verb, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var data = new Dictionary<string, string>(inputs ?? new Dictionary<string, string>()) { ["verb"] = verb };
        using var response = await Http.PostAsJsonAsync(
            new Uri($"http://127.0.0.1:{Port}/_conversation/v1/invoke"),
            new
            {
                name = "adaptiveCard/action",
                value = new { action = new { type = "Action.Execute", verb, data } },
                from = new { id = userId },
                conversation = new { id = conversationId },
                replyToId = cardId,
            });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"the Playground refused the click ({response.StatusCode}): {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every line of the Playground's log, for a failure message.</summary>
    public string Log
    {
        get
        {
            if (!File.Exists(LogFile))
            {
                return "";
            }

            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static string Config(string groupChatId)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("version: \"0.1.1\"");
        yaml.AppendLine("tenantId: 00000000-0000-0000-0000-000000000001");
        yaml.AppendLine($"bot:\n  id: {BotId}\n  name: {BotName}");
        yaml.AppendLine($"currentUser:\n{User(CurrentUserId, "Alex Wilber", 0, first: "  ", rest: "  ")}");
        yaml.AppendLine("users:");
        for (var i = 0; i < Users.Count; i++)
        {
            yaml.AppendLine(User(Users[i].Id, Users[i].Name, i + 1, first: "  - ", rest: "    "));
        }

        yaml.AppendLine("personalChat:\n  id: personal-chat-e2e");
        yaml.AppendLine($"groupChat:\n  id: \"{groupChatId}\"\n  name: 분과회의");
        yaml.AppendLine("team:\n  id: team-e2e\n  name: 협치회의\n  aadGroupId: 00000000-0000-0000-0000-000000000031\n  channels:\n    - id: channel-e2e\n      name: 공지");
        return yaml.ToString();
    }

    /// <param name="first">Indent of the first line (with <c>- </c> for a list item).</param>
    /// <param name="rest">Indent of the other lines.</param>
    private static string User(string id, string name, int n, string first, string rest)
    {
        var handle = name.Split(' ')[0].ToLowerInvariant();
        return string.Join('\n',
            $"{first}id: {id}",
            $"{rest}name: {name}",
            $"{rest}userPrincipleName: {handle}@example.com",
            $"{rest}aadObjectId: 00000000-0000-0000-0000-00000000002{n}",
            $"{rest}givenName: {name.Split(' ')[0]}",
            $"{rest}surname: {name.Split(' ')[^1]}",
            $"{rest}email: {handle}@example.com");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Reading the config once also makes the Playground connect to the bot; the conversations are set up from then on.</summary>
    private async Task WaitUntilReadyAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"the Playground exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{Port}/_internal/v1/config"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                Assert.Fail($"the Playground did not answer within 60 s: {Output}");
            }

            await Task.Delay(200);
        }
    }
}

/// <summary>
/// A fact that needs the Playground. Outside CI a missing install skips with the install command; under CI (env CI set)
/// the test runs and fails, so a missing install step cannot pass unnoticed.
/// </summary>
public sealed class PlaygroundFactAttribute : FactAttribute
{
    public PlaygroundFactAttribute()
    {
        if (!AgentsPlayground.IsInstalled && !AgentsPlayground.IsCi)
        {
            Skip = $"the Microsoft 365 Agents Playground is not installed (run `{AgentsPlayground.InstallCommand}`); required when CI is set.";
        }
    }
}
