using System.Text.Json;
using MeetingBot.Channels.GoogleChat;
using MeetingBot.Core.Engine;
using MeetingBot.Host.Api;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.GoogleChat;

/// <summary>manifests/google-chat: what staff type into the Cloud console must be what the bot understands.</summary>
public sealed class ChatAppManifestTests
{
    private static JsonElement Manifest()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("manifests", "google-chat", "chat-app.json")));
        return document.RootElement.Clone();
    }

    [Fact]
    public void The_slash_commands_are_the_ids_and_names_the_bot_maps_and_the_grammar_knows_in_Korean_and_English()
    {
        var commands = Manifest().GetProperty("slashCommands").EnumerateArray().ToList();

        Assert.Equal(
            GoogleChatMapper.SlashCommands.OrderBy(c => c.Key).Select(c => (c.Key, c.Value)),
            commands.Select(c => (c.GetProperty("commandId").GetInt64(), c.GetProperty("name").GetString()!)));
        foreach (var command in commands)
        {
            var korean = Assert.IsType<CommandMessage>(ChatGrammar.Parse(command.GetProperty("name").GetString()));
            var english = Assert.IsType<CommandMessage>(ChatGrammar.Parse(command.GetProperty("alias").GetString()));
            Assert.NotEqual(Command.Unknown, korean.Command);
            Assert.Equal(korean.Command, english.Command);
            Assert.InRange(command.GetProperty("description").GetString()!.Length, 1, 50);
        }
    }

    [Fact]
    public void The_endpoint_and_settings_match_the_host()
    {
        var manifest = Manifest();
        var endpoint = manifest.GetProperty("connection").GetProperty("httpEndpointUrl").GetString()!;

        Assert.EndsWith(GoogleChatEndpoints.Path, endpoint, StringComparison.Ordinal);
        Assert.Equal(endpoint, manifest.GetProperty("settings").GetProperty("GoogleChat:Audience").GetString());
        Assert.True(Enum.TryParse<GoogleChatAudienceType>(manifest.GetProperty("settings").GetProperty("GoogleChat:AudienceType").GetString(), out _));
        var readme = File.ReadAllText(RepositoryFiles.PathOf("manifests", "google-chat", "README.md"));
        Assert.All(GoogleChatMapper.SlashCommands, c => Assert.Contains($"| {c.Key} | `{c.Value}` |", readme, StringComparison.Ordinal));
    }
}
