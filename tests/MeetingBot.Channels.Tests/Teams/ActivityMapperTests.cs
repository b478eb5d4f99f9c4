using System.Text.Json;
using MeetingBot.Channels.Teams;
using MeetingBot.Core;

namespace MeetingBot.Channels.Tests.Teams;

/// <summary>Activities shaped like the ones Teams sends to a bot in a meeting chat.</summary>
public sealed class ActivityMapperTests
{
    private const string Bot = "28:7f3a2c1e-0000-4000-8000-00000000b07";
    private const string MeetingChat = "19:meeting_NjQ2ZWE3YzAtYjA4Ny00@thread.v2";
    private const string ServiceUrl = "https://smba.trafficmanager.net/kr/";

    private static Activity Parse(string json) => JsonSerializer.Deserialize<Activity>(json, TeamsJson.Options)!;

    private static string Message(string text, string entities = "[]", string type = "message", string id = "1757912462123", string channelData = "{}") => $$"""
        {
          "text": {{JsonSerializer.Serialize(text)}},
          "textFormat": "plain",
          "attachments": [{ "contentType": "text/html", "content": "<div>ignored</div>" }],
          "type": "{{type}}",
          "timestamp": "2025-09-15T05:01:02.1234567Z",
          "localTimestamp": "2025-09-15T14:01:02.1234567+09:00",
          "id": "{{id}}",
          "channelId": "msteams",
          "serviceUrl": "{{ServiceUrl}}",
          "from": { "id": "29:1kPq-user", "name": "김분과", "aadObjectId": "a0b1c2d3-0000-4000-8000-000000000001" },
          "conversation": { "isGroup": true, "conversationType": "groupChat", "tenantId": "5c6d7e8f-1111-4222-8333-444455556666", "id": "{{MeetingChat}}" },
          "recipient": { "id": "{{Bot}}", "name": "회의봇" },
          "entities": {{entities}},
          "channelData": {{channelData}},
          "locale": "ko-KR",
          "localTimezone": "Asia/Seoul"
        }
        """;

    private const string BotMention = $$"""{ "mentioned": { "id": "{{Bot}}", "name": "회의봇" }, "text": "<at>회의봇</at>", "type": "mention" }""";
    private const string ClientInfo = """{ "locale": "ko-KR", "country": "KR", "platform": "Web", "timezone": "Asia/Seoul", "type": "clientInfo" }""";
    private const string MeetingChannelData = """{ "tenant": { "id": "5c6d7e8f-1111-4222-8333-444455556666" }, "meeting": { "id": "MCMxOTptZWV0aW5nX05qUTJaV0UzWXpB" }, "source": { "name": "message" } }""";

    [Fact]
    public void Message_mentioning_the_bot_becomes_a_command_without_the_mention()
    {
        var activity = Parse(Message("<at>회의봇</at> /시작", $"[{BotMention}, {ClientInfo}]", channelData: MeetingChannelData));

        var input = ActivityMapper.Map(activity);

        Assert.NotNull(input);
        Assert.Equal(ChatInputKind.Message, input.Kind);
        Assert.Equal("/시작", input.Text);
        Assert.Equal("1757912462123", input.MessageId);
        Assert.Equal(new ConversationAddress("msteams", MeetingChat, ServiceUrl), input.Conversation);
        Assert.Equal(new ChatUser("29:1kPq-user", "김분과"), input.From);
        Assert.True(ActivityMapper.MentionsBot(activity));
        Assert.Equal("MCMxOTptZWV0aW5nX05qUTJaV0UzWXpB", ActivityMapper.MeetingId(activity));
        Assert.Equal("5c6d7e8f-1111-4222-8333-444455556666", activity.TenantId);
    }

    [Fact]
    public void Message_without_a_mention_keeps_its_text_and_is_not_flagged()
    {
        var activity = Parse(Message("#의견 주민참여예산 홍보를 강화해야 합니다", $"[{ClientInfo}]"));

        Assert.Equal("#의견 주민참여예산 홍보를 강화해야 합니다", ActivityMapper.Map(activity)!.Text);
        Assert.False(ActivityMapper.MentionsBot(activity));
    }

    [Fact]
    public void Mention_of_another_member_keeps_the_name_without_tags()
    {
        const string other = """{ "mentioned": { "id": "29:other", "name": "홍길동" }, "text": "<at>홍길동</at>", "type": "mention" }""";
        var activity = Parse(Message("<at>회의봇</at> #의견 <at>홍길동</at> 위원 의견에 동의합니다", $"[{BotMention}, {other}]"));

        Assert.Equal("#의견 홍길동 위원 의견에 동의합니다", ActivityMapper.Map(activity)!.Text);
    }

    [Fact]
    public void Mention_entity_text_that_differs_from_the_message_is_still_stripped_by_name()
    {
        var mention = $$"""{ "mentioned": { "id": "{{Bot}}", "name": "회의봇" }, "text": "<at>회의봇 (앱)</at>", "type": "mention" }""";
        var activity = Parse(Message("<at id=\"0\">회의봇</at> /상태", $"[{mention}]"));

        Assert.Equal("/상태", ActivityMapper.Map(activity)!.Text);
    }

    [Fact]
    public void Html_that_Teams_adds_is_removed_and_entities_decoded()
    {
        var activity = Parse(Message("<p>#의견 주민 참여 &amp; 예산&nbsp;확대</p><p>둘째 줄 &quot;인용&quot;<br>셋째 줄</p>"));

        Assert.Equal("#의견 주민 참여 & 예산 확대\n둘째 줄 \"인용\"\n셋째 줄", ActivityMapper.Map(activity)!.Text);
    }

    [Fact]
    public void Escaped_angle_brackets_typed_by_a_user_survive_as_text()
    {
        var activity = Parse(Message("#질문 a &lt;b&gt; c 는 무엇인가요?"));

        Assert.Equal("#질문 a <b> c 는 무엇인가요?", ActivityMapper.Map(activity)!.Text);
    }

    [Fact]
    public void Edit_targets_the_original_message_with_a_new_id_per_text()
    {
        const string edit = """{ "tenant": { "id": "t" }, "eventType": "editMessage" }""";
        var first = Parse(Message("#의견 고친 내용", type: "messageUpdate", channelData: edit));
        var again = Parse(Message("#의견 고친 내용", type: "messageUpdate", channelData: edit));
        var second = Parse(Message("#의견 다시 고친 내용", type: "messageUpdate", channelData: edit));

        var input = ActivityMapper.Map(first)!;

        Assert.Equal(ChatInputKind.Edit, input.Kind);
        Assert.Equal("1757912462123", input.TargetMessageId);
        Assert.Equal("#의견 고친 내용", input.Text);
        Assert.NotEqual("1757912462123", input.MessageId);
        Assert.Equal(input.MessageId, ActivityMapper.Map(again)!.MessageId);
        Assert.NotEqual(input.MessageId, ActivityMapper.Map(second)!.MessageId);
    }

    [Fact]
    public void Undelete_is_ignored()
    {
        var activity = Parse(Message("#의견 복원", type: "messageUpdate", channelData: """{ "eventType": "undeleteMessage" }"""));

        Assert.Null(ActivityMapper.Map(activity));
    }

    [Fact]
    public void Delete_targets_the_deleted_message()
    {
        var activity = Parse(Message("", type: "messageDelete", channelData: """{ "eventType": "softDeleteMessage" }"""));

        var input = ActivityMapper.Map(activity)!;

        Assert.Equal(ChatInputKind.Delete, input.Kind);
        Assert.Equal("1757912462123", input.TargetMessageId);
        Assert.Equal("delete:1757912462123", input.MessageId);
    }

    private static string ConversationUpdate(string membersAdded) => $$"""
        {
          "membersAdded": {{membersAdded}},
          "type": "conversationUpdate",
          "timestamp": "2025-09-15T04:50:00.000Z",
          "id": "f:a1b2c3d4",
          "channelId": "msteams",
          "serviceUrl": "{{ServiceUrl}}",
          "from": { "id": "29:1kPq-user", "aadObjectId": "a0b1c2d3-0000-4000-8000-000000000001" },
          "conversation": { "isGroup": true, "conversationType": "groupChat", "tenantId": "t", "id": "{{MeetingChat}}" },
          "recipient": { "id": "{{Bot}}", "name": "회의봇" },
          "channelData": { "tenant": { "id": "t" }, "eventType": "teamMemberAdded" }
        }
        """;

    [Fact]
    public void Bot_added_to_the_chat_becomes_BotAdded()
    {
        var input = ActivityMapper.Map(Parse(ConversationUpdate($$"""[{ "id": "{{Bot}}" }]""")))!;

        Assert.Equal(ChatInputKind.BotAdded, input.Kind);
        Assert.Equal("f:a1b2c3d4", input.MessageId);
        Assert.Equal(MeetingChat, input.Conversation.ConversationId);
    }

    [Fact]
    public void Someone_else_added_is_ignored()
    {
        Assert.Null(ActivityMapper.Map(Parse(ConversationUpdate("""[{ "id": "29:someone-else" }]"""))));
    }

    private static string MeetingEvent(string name, string value, string id = "\"1757912400000\"") => $$"""
        {
          "type": "event",
          "name": "{{name}}",
          "value": {{value}},
          "id": {{id}},
          "timestamp": "2025-09-15T05:00:00Z",
          "channelId": "msteams",
          "serviceUrl": "{{ServiceUrl}}",
          "from": { "id": "29:1kPq-user", "aadObjectId": "a0b1c2d3-0000-4000-8000-000000000001" },
          "conversation": { "isGroup": true, "conversationType": "groupChat", "tenantId": "t", "id": "{{MeetingChat}}" },
          "recipient": { "id": "{{Bot}}", "name": "회의봇" },
          "channelData": { "tenant": { "id": "t" }, "meeting": { "id": "MCMxOTptZWV0aW5nX05qUTJaV0UzWXpB" } }
        }
        """;

    [Theory]
    [InlineData("""{ "Id": "MCMx", "MeetingType": "Scheduled", "JoinUrl": "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x", "Title": "전략사업 분과회의", "StartTime": "2025-09-15T05:00:00.000Z" }""")]
    [InlineData("""{ "id": "MCMx", "meetingType": "Scheduled", "joinUrl": "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x", "title": "전략사업 분과회의", "startTime": "2025-09-15T05:00:00.000Z" }""")]
    public void Meeting_start_is_read_whatever_the_case_of_its_keys(string value)
    {
        var activity = Parse(MeetingEvent("application/vnd.microsoft.meetingStart", value));

        var input = ActivityMapper.Map(activity)!;

        Assert.Equal(ChatInputKind.MeetingStarted, input.Kind);
        Assert.Equal("전략사업 분과회의", input.Text);
        Assert.Equal("1757912400000", input.MessageId);
        Assert.Equal("https://teams.microsoft.com/l/meetup-join/19%3ameeting_x", ActivityMapper.MeetingJoinUrl(activity));
        Assert.Equal("MCMxOTptZWV0aW5nX05qUTJaV0UzWXpB", ActivityMapper.MeetingId(activity));
    }

    [Fact]
    public void Meeting_end_name_is_compared_without_case_and_gets_a_stable_id_when_it_has_none()
    {
        const string value = """{ "ID": "MCMx", "EndTime": "2025-09-15T07:00:00.000Z", "Title": "전략사업 분과회의" }""";
        var activity = Parse(MeetingEvent("APPLICATION/VND.MICROSOFT.MEETINGEND", value, id: "null"));

        var input = ActivityMapper.Map(activity)!;

        Assert.Equal(ChatInputKind.MeetingEnded, input.Kind);
        Assert.Equal("meetingEnd:MCMx", input.MessageId);
        Assert.Equal(input.MessageId, ActivityMapper.Map(Parse(MeetingEvent("application/vnd.microsoft.meetingEnd", value, id: "null")))!.MessageId);
    }

    [Theory]
    [InlineData("application/vnd.microsoft.meetingParticipantJoin")]
    [InlineData("application/vnd.microsoft.readReceipt")]
    public void Other_events_are_ignored(string name)
    {
        Assert.Null(ActivityMapper.Map(Parse(MeetingEvent(name, """{ "members": [] }"""))));
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("invoke")]
    [InlineData("messageReaction")]
    [InlineData("installationUpdate")]
    public void Unknown_activity_types_are_ignored(string type)
    {
        Assert.Null(ActivityMapper.Map(Parse(Message("x", type: type))));
    }

    [Fact]
    public void Unknown_fields_of_any_shape_are_tolerated()
    {
        const string json = """
            {
              "type": "message", "id": "42", "text": "/안건",
              "serviceUrl": "https://smba.trafficmanager.net/kr/", "channelId": "msteams",
              "conversation": { "id": "a:1Xyz", "conversationType": "personal", "tenantId": "t", "extra": [1, 2, { "x": null }] },
              "from": { "id": "29:u", "name": "주무관", "userRole": "user", "whatever": { "deep": true } },
              "recipient": { "id": "28:bot" },
              "futureField": { "a": [ { "b": 1 } ] },
              "entities": [ { "type": "https://schema.org/Message", "@type": "Message", "additionalType": ["AIGeneratedContent"] } ],
              "channelData": { "tenant": { "id": "t" }, "settings": { "selectedChannel": { "id": "c" } } },
              "value": 12
            }
            """;

        var activity = Parse(json);
        var input = ActivityMapper.Map(activity)!;

        Assert.Equal("/안건", input.Text);
        Assert.True(ActivityMapper.IsPersonal(activity));
        Assert.Null(ActivityMapper.MeetingId(activity));
    }

    [Fact]
    public void Activity_without_a_conversation_is_ignored()
    {
        Assert.Null(ActivityMapper.Map(Parse("""{ "type": "message", "id": "1", "text": "hi" }""")));
    }
}
