using System.Text;
using MeetingBot.Channels.GoogleChat;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.TestSupport;

namespace MeetingBot.Channels.Tests.GoogleChat;

/// <summary>Google Chat interaction events (the documented HTTP payloads) as engine inputs.</summary>
public sealed class GoogleChatMapperTests
{
    private const string Space = "spaces/AAAAydpStrat";

    private static GoogleChatEvent Read(string json) => GoogleChatJson.Read(Encoding.UTF8.GetBytes(json)) ?? throw new InvalidOperationException("unreadable");

    [Fact]
    public void A_message_mentioning_the_app_becomes_its_argument_text_from_the_sender_in_the_space()
    {
        var json = GoogleChatTokens.MessageEvent(Space, "m1", "users/1170", "김미순", "@MeetingBot #의견 홍보가 필요합니다", argumentText: " #의견 홍보가 필요합니다");

        var input = Assert.Single(GoogleChatMapper.Map(Read(json)));

        Assert.Equal(new ConversationAddress("googlechat", Space), input.Conversation);
        Assert.Equal($"{Space}/messages/m1", input.MessageId);
        Assert.Equal(ChatInputKind.Message, input.Kind);
        Assert.Equal(new ChatUser("users/1170", "김미순"), input.From);
        Assert.Equal("#의견 홍보가 필요합니다", input.Text);
    }

    [Theory]
    [InlineData(1, "", "/시작")]
    [InlineData(4, " 3", "/이동 3")]
    [InlineData(12, " ydp-2020-09-strategy ", "/연결 ydp-2020-09-strategy")]
    [InlineData(13, "", "/도움말")]
    public void A_slash_command_is_rebuilt_from_its_id_and_argument(long commandId, string argument, string expected)
    {
        var json = GoogleChatTokens.MessageEvent(Space, "m2", "users/1170", "김미순", "/start", argumentText: argument, slashCommandId: commandId);

        var input = Assert.Single(GoogleChatMapper.Map(Read(json)));

        Assert.Equal(expected, input.Text);
    }

    [Fact]
    public void A_slash_command_known_only_by_its_annotation_keeps_the_typed_name()
    {
        var json = $$$"""
            {"type":"MESSAGE","space":{"name":"{{{Space}}}"},
             "message":{"name":"{{{Space}}}/messages/m3","text":"/extend 5","argumentText":" 5",
                        "sender":{"name":"users/1","displayName":"조영윤","type":"HUMAN"},
                        "annotations":[{"type":"SLASH_COMMAND","startIndex":0,"length":7,
                                        "slashCommand":{"bot":{"name":"users/app"},"type":"INVOKE","commandName":"/extend","commandId":"99"}}]},
             "user":{"name":"users/1","displayName":"조영윤"}}
            """;

        var input = Assert.Single(GoogleChatMapper.Map(Read(json)));

        Assert.Equal("/extend 5", input.Text);
        Assert.Equal(Command.Extend, Assert.IsType<CommandMessage>(ChatGrammar.Parse(input.Text)).Command);
    }

    [Fact]
    public void Every_registered_slash_command_is_one_the_chat_grammar_knows()
    {
        Assert.Equal(Enumerable.Range(1, 13).Select(i => (long)i), GoogleChatMapper.SlashCommands.Keys.Order());
        Assert.All(GoogleChatMapper.SlashCommands.Values, name =>
            Assert.NotEqual(Command.Unknown, Assert.IsType<CommandMessage>(ChatGrammar.Parse(name)).Command));
        Assert.Equal(13, GoogleChatMapper.SlashCommands.Values.Select(n => ((CommandMessage)ChatGrammar.Parse(n)).Command).Distinct().Count());
    }

    [Fact]
    public void Being_added_to_a_space_is_a_bot_added_input_and_the_mention_that_added_it_follows()
    {
        var json = $$$"""
            {"type":"ADDED_TO_SPACE","eventTime":"2020-09-15T04:50:00.000000Z",
             "space":{"name":"{{{Space}}}","type":"ROOM","spaceType":"SPACE"},
             "user":{"name":"users/9","displayName":"협치지원관","type":"HUMAN"},
             "message":{"name":"{{{Space}}}/messages/m0","text":"@MeetingBot /연결 ydp-2020-09-strategy","argumentText":" /연결 ydp-2020-09-strategy",
                        "sender":{"name":"users/9","displayName":"협치지원관","type":"HUMAN"}} }
            """;

        var inputs = GoogleChatMapper.Map(Read(json));

        Assert.Equal([ChatInputKind.BotAdded, ChatInputKind.Message], inputs.Select(i => i.Kind));
        Assert.Equal("added:2020-09-15T04:50:00.000000Z", inputs[0].MessageId);
        Assert.Equal("/연결 ydp-2020-09-strategy", inputs[1].Text);
        Assert.All(inputs, i => Assert.Equal(new ChatUser("users/9", "협치지원관"), i.From));
    }

    [Theory]
    [InlineData("""{"type":"REMOVED_FROM_SPACE","space":{"name":"spaces/AAAA"},"user":{"name":"users/9"}}""")]
    [InlineData("""{"type":"CARD_CLICKED","space":{"name":"spaces/AAAA"},"action":{"actionMethodName":"x"}}""")]
    [InlineData("""{"type":"MESSAGE","message":{"name":"spaces/AAAA/messages/1","text":"hi"}}""")]
    [InlineData("""{"type":"MESSAGE","space":{"name":"spaces/AAAA"},"message":{"name":"spaces/AAAA/messages/1","text":"hi","sender":{"name":"users/app","type":"BOT"}}}""")]
    public void Events_that_ask_nothing_of_the_engine_map_to_no_input(string json)
    {
        Assert.Empty(GoogleChatMapper.Map(Read(json)));
    }

    [Fact]
    public void Unknown_fields_and_differently_cased_names_are_tolerated()
    {
        var json = $$$"""
            {"TYPE":"MESSAGE","newField":{"nested":[1,2,3]},"space":{"Name":"{{{Space}}}","threaded":true},
             "message":{"name":"{{{Space}}}/messages/m9","text":"/상태","argumentText":"/상태","slashCommand":{"commandId":10},
                        "sender":{"name":"users/5","displayName":"윤지혜","avatarUrl":"https://x","type":"HUMAN"},"matchedUrl":null}}
            """;

        var input = Assert.Single(GoogleChatMapper.Map(Read(json)));

        Assert.Equal("/상태", input.Text);
        Assert.Equal("users/5", input.From.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"type":"MESSAGE","message":{"slashCommand":{"commandId":"one"}}}""")]
    public void A_body_that_is_not_an_event_reads_as_nothing(string body)
    {
        Assert.Null(GoogleChatJson.Read(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void The_synchronous_reply_is_a_text_message_and_no_reply_is_an_empty_object()
    {
        const string text = "⏰ \"안건\" <1>\n2. 토론";

        var reply = System.Text.Json.JsonDocument.Parse(GoogleChatJson.Reply(text)).RootElement;

        Assert.Equal(text, reply.GetProperty("text").GetString());
        Assert.Single(reply.EnumerateObject());
        Assert.Equal("{}", GoogleChatJson.Reply(null));
    }
}
