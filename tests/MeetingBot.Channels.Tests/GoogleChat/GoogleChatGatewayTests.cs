using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingBot.Channels.GoogleChat;
using MeetingBot.Core;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Channels.Tests.GoogleChat;

/// <summary>
/// Posting as the app against a local server speaking Google's OAuth token and Chat REST wire formats: the service
/// account's token from the key file's token_uri, the message body, and retries on 429 (with Retry-After) and 5xx.
/// </summary>
public sealed class GoogleChatGatewayTests : IAsyncLifetime, IDisposable
{
    private const string Space = "spaces/AAAAydpStrat";
    private const string AccessToken = "ya29.c.chat-bot-token";

    private readonly string _folder = Directory.CreateTempSubdirectory("meetingbot-googlechat-").FullName;
    private readonly RSA _key = RSA.Create(2048);
    private readonly WatchedClock _clock = new(new DateTimeOffset(2020, 9, 15, 14, 0, 0, TimeSpan.FromHours(9)));
    private readonly List<JsonObject> _tokenRequests = [];
    private LocalHttpServer _google = null!;
    private Func<RecordedRequest, Reply> _chat = request => Created(request);

    public async Task InitializeAsync()
    {
        _google = await LocalHttpServer.StartAsync(request =>
        {
            if (request.Path == "/token")
            {
                lock (_tokenRequests)
                {
                    _tokenRequests.Add(Fields(request.Body));
                }

                return new Reply(200, $$"""{"access_token":"{{AccessToken}}","expires_in":3599,"token_type":"Bearer"}""");
            }

            return request.Authorization == $"Bearer {AccessToken}"
                ? _chat(request)
                : new Reply(401, """{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}""");
        });
    }

    public async Task DisposeAsync() => await _google.DisposeAsync();

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private ServiceProvider Services() => GoogleChatTestHost.Build(
        new Dictionary<string, string?>
        {
            ["GoogleChat:Audience"] = "https://meetingbot.ydp.go.kr/api/googlechat",
            ["GoogleChat:CredentialsFile"] = WriteKeyFile(),
            ["GoogleChat:BaseUrl"] = _google.Address.ToString(),
        },
        _clock);

    private static OutboundMessage Message(string text, string space = Space) =>
        new(new ConversationAddress("googlechat", space), text, new DateTimeOffset(2020, 9, 15, 14, 0, 0, TimeSpan.FromHours(9)));

    private static Reply Created(RecordedRequest request) =>
        new(200, $$"""{"name":"{{Space}}/messages/{{request.Index}}","text":{{JsonSerializer.Serialize(TextOf(request))}},"createTime":"2020-09-15T05:00:00Z"}""");

    private static string TextOf(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement.GetProperty("text").GetString()!;

    private List<RecordedRequest> ChatRequests => _google.Requests.Where(r => r.Path != "/token").ToList();

    [Fact]
    public async Task A_message_is_posted_to_the_space_as_the_app_with_a_token_for_the_chat_bot_scope()
    {
        await using var services = Services();
        var message = Message("⏰ 10분 뒤 [전략사업] 회의가 시작됩니다.");

        await services.GetRequiredService<GoogleChatGateway>().SendAsync(message);

        var request = Assert.Single(ChatRequests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v1/{Space}/messages", request.Path);
        Assert.Equal($"?messageId={GoogleChatGateway.ClientMessageId(message)}", request.Query);
        Assert.Matches("^client-[0-9a-f]{40}$", GoogleChatGateway.ClientMessageId(message));
        Assert.Equal(message.Text, TextOf(request));
        var token = Assert.Single(_tokenRequests);
        Assert.Equal("https://www.googleapis.com/auth/chat.bot", token["scope"]!.GetValue<string>());
        Assert.Equal("meetingbot@ydp-meetingbot.iam.gserviceaccount.com", token["iss"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_agenda_card_is_posted_as_cards_v2_then_patched_in_place_by_the_name_Google_gave()
    {
        _chat = _ => new Reply(200, $$"""{"name":"{{Space}}/messages/1"}""");
        await using var services = Services();
        var gateway = services.GetRequiredService<GoogleChatGateway>();
        var meeting = TestMeetings.Strategy();
        var runtime = MeetingRuntime.NotStartedFor(meeting) with { Status = MeetingStatus.Running, CurrentItem = 1, StartedAt = TestMeetings.Start, SegmentStart = TestMeetings.Start };
        var card = MeetingBot.Core.Cards.AgendaCard.Of(meeting, runtime, TestMeetings.Start);
        var later = MeetingBot.Core.Cards.AgendaCard.Of(meeting, runtime with { Status = MeetingStatus.Paused, SegmentStart = null }, TestMeetings.Start.AddMinutes(1));

        var posted = await gateway.SendCardAsync(Message(card.Text()) with { Card = card }, null);
        var updated = await gateway.SendCardAsync(Message(later.Text()) with { Card = later }, posted);

        Assert.True(gateway.CardsEnabled);
        Assert.Equal(($"{Space}/messages/1", $"{Space}/messages/1"), (posted, updated));
        Assert.Equal(["POST", "PATCH"], ChatRequests.Select(r => r.Method));
        Assert.Equal(($"/v1/{Space}/messages/1", "?updateMask=cardsV2"), (ChatRequests[1].Path, ChatRequests[1].Query));
        var sent = JsonDocument.Parse(ChatRequests[1].Body).RootElement.GetProperty("cardsV2")[0];
        Assert.Equal("agenda", sent.GetProperty("cardId").GetString());
        Assert.Contains("일시정지", sent.GetProperty("card").GetProperty("sections")[0].GetProperty("widgets")[0].GetProperty("textParagraph").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_is_the_googlechat_channel_among_the_registered_gateways()
    {
        await using var services = Services();

        var gateway = Assert.Single(services.GetServices<IChatGateway>());

        Assert.Equal("googlechat", gateway.Channel);
        Assert.Same(services.GetRequiredService<GoogleChatGateway>(), gateway);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_wait_Retry_After_asks_for_and_the_message_posted_once()
    {
        _chat = request => request.Index == 2
            ? new Reply(429, """{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}""", Headers: new Dictionary<string, string> { ["Retry-After"] = "7" })
            : Created(request);
        await using var services = Services();

        var send = services.GetRequiredService<GoogleChatGateway>().SendAsync(Message("한 번만"));
        var waited = await _clock.FireTimerAsync(TimeSpan.Zero);
        await send;

        Assert.Equal(TimeSpan.FromSeconds(7), waited);
        Assert.Equal(2, ChatRequests.Count);
        Assert.Single(ChatRequests.Select(r => r.Query).Distinct());
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_the_message_is_posted()
    {
        _chat = request => request.Index is 2 or 3
            ? new Reply(500, """{"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}""")
            : Created(request);
        await using var services = Services();

        var send = services.GetRequiredService<GoogleChatGateway>().SendAsync(Message("재시도"));
        // The two back-off waits (jittered, so of no fixed length) are skipped rather than waited out.
        await _clock.FireTimerAsync(TimeSpan.Zero);
        await _clock.FireTimerAsync(TimeSpan.Zero);
        await send;

        Assert.Equal(3, ChatRequests.Count);
        Assert.All(ChatRequests, r => Assert.Equal("재시도", TextOf(r)));
    }

    [Fact]
    public async Task A_message_Google_already_has_is_not_an_error()
    {
        _chat = _ => new Reply(409, """{"error":{"code":409,"message":"Message with id client-x already exists.","status":"ALREADY_EXISTS"}}""");
        await using var services = Services();

        await services.GetRequiredService<GoogleChatGateway>().SendAsync(Message("두 번째 시도"));

        Assert.Single(ChatRequests);
    }

    [Fact]
    public async Task A_refusal_is_not_retried_and_fails_with_Googles_reason()
    {
        _chat = _ => new Reply(403, """{"error":{"code":403,"message":"This Chat app is not a member of this space.","status":"PERMISSION_DENIED"}}""");
        await using var services = Services();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.GetRequiredService<GoogleChatGateway>().SendAsync(Message("x")));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("not a member of this space", error.Message);
        Assert.Contains(Space, error.Message);
        Assert.Single(ChatRequests);
    }

    [Theory]
    [InlineData("19:meeting_abc@thread.v2")]
    [InlineData("spaces/")]
    [InlineData("spaces/AAAA?messageId=x")]
    public async Task A_conversation_that_is_not_a_space_is_refused_before_anything_is_sent(string conversation)
    {
        await using var services = Services();

        await Assert.ThrowsAsync<MeetingBotException>(() => services.GetRequiredService<GoogleChatGateway>().SendAsync(Message("x", conversation)));

        Assert.Empty(_google.Requests);
    }

    [Fact]
    public void The_client_message_id_differs_by_space_time_text_and_reply_and_repeats_for_the_same_message()
    {
        var message = Message("안건");

        Assert.Equal(GoogleChatGateway.ClientMessageId(message), GoogleChatGateway.ClientMessageId(Message("안건")));
        Assert.NotEqual(GoogleChatGateway.ClientMessageId(message), GoogleChatGateway.ClientMessageId(Message("안건 ")));
        Assert.NotEqual(GoogleChatGateway.ClientMessageId(message), GoogleChatGateway.ClientMessageId(Message("안건", "spaces/BBBB")));
        Assert.NotEqual(GoogleChatGateway.ClientMessageId(message), GoogleChatGateway.ClientMessageId(message with { At = message.At.AddSeconds(1) }));
        Assert.NotEqual(GoogleChatGateway.ClientMessageId(message), GoogleChatGateway.ClientMessageId(message with { ReplyToMessageId = "spaces/AAAA/messages/1" }));
    }

    private string WriteKeyFile()
    {
        var key = new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = "ydp-meetingbot",
            ["private_key_id"] = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432",
            ["private_key"] = _key.ExportPkcs8PrivateKeyPem() + "\n",
            ["client_email"] = "meetingbot@ydp-meetingbot.iam.gserviceaccount.com",
            ["client_id"] = "104729384756102938475",
            ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
            ["token_uri"] = new Uri(_google.Address, "token").ToString(),
            ["universe_domain"] = "googleapis.com",
        };
        var path = Path.Combine(_folder, "chat-service-account.json");
        File.WriteAllText(path, key.ToJsonString());
        return path;
    }

    /// <summary>The claims of the JWT-bearer assertion posted to the token endpoint, after checking its signature.</summary>
    private JsonObject Fields(string form)
    {
        var fields = form.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", fields["grant_type"]);
        var parts = fields["assertion"].Split('.');
        Assert.True(_key.VerifyData(
            System.Text.Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"),
            FromBase64Url(parts[2]),
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1));
        return JsonNode.Parse(FromBase64Url(parts[1]))!.AsObject();
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
