using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MeetingBot.Channels.Doors;
using MeetingBot.Channels.Teams;
using MeetingBot.Core;
using MeetingBot.Storage;
using MeetingBot.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Channels.Tests.Teams;

/// <summary>
/// The Teams door as <c>AddTeams</c>/<c>MapTeams</c> compose it, served by Kestrel, with tokens checked against a local
/// OpenID/JWKS server, a real SQLite store (the chat already bound) and a recording inbox in place of the engine.
/// </summary>
public sealed class TeamsEndpointsTests : IAsyncLifetime, IDisposable
{
    private const string Conversation = "19:meeting_x@thread.v2";

    private const string AppId = "7f3a2c1e-0000-4000-8000-00000000b07";
    private const string ServiceUrl = "https://smba.trafficmanager.net/kr/";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 9, 15, 5, 0, 0, TimeSpan.Zero));
    private readonly SigningKey _key = new("bot-key-1");
    private readonly RecordingInbox _handed = new();
    private readonly TempFolder _folder = new();
    private static readonly HttpClient Http = new();
    private TeamsIdentityServer _identity = null!;
    private SqliteMeetingStore _store = null!;
    private LocalHttpServer? _bot;

    public async Task InitializeAsync()
    {
        _identity = await TeamsIdentityServer.StartAsync();
        _identity.PublishBotServiceKeys((_key, ["msteams"]));

        // Bound, so the door asks no connector for the meeting's join URL.
        _store = await SqliteMeetingStore.OpenAsync($"Data Source={Path.Combine(_folder.Path, "meetingbot.db")}");
        var meeting = TestMeetings.Strategy();
        await _store.UpsertDefinitionAsync(meeting);
        await _store.CommitAsync(new StoreChange { Binding = new ConversationBinding(new ConversationAddress("msteams", Conversation, ServiceUrl), meeting.Id, _time.GetUtcNow()) });
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
            await _bot.DisposeAsync();
        await _identity.DisposeAsync();
        await _store.DisposeAsync();
    }

    public void Dispose() => _folder.Dispose();

    private async Task StartBotAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = "secret",
            ["Teams:TenantId"] = "5c6d7e8f-1111-4222-8333-444455556666",
            ["Teams:BotServiceMetadataUrl"] = _identity.BotServiceMetadataUrl,
            ["Teams:EntraMetadataUrl"] = _identity.EntraMetadataUrl,
        };
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;

        _bot = await LocalHttpServer.StartWithRoutesAsync(
            compose: builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Services.AddSingleton<TimeProvider>(_time);
                builder.Services.AddSingleton<IMeetingStore>(_store);
                builder.Services.AddSingleton<IChatInbox>(_handed);
                builder.Services.AddTeams(builder.Configuration);
            },
            configure: app => app.MapTeams());
    }

    private string Token(string serviceUrl = ServiceUrl) => _key.CreateToken(
        new TokenSpec(BotAuthenticator.BotServiceIssuer, AppId, _time.GetUtcNow().AddMinutes(-1), _time.GetUtcNow().AddHours(1))
        {
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
        });

    private static string Activity(string text, bool mention, string conversationType = "groupChat") => $$"""
        {
          "type": "message", "id": "1757912462123", "channelId": "msteams", "serviceUrl": "{{ServiceUrl}}",
          "text": {{System.Text.Json.JsonSerializer.Serialize(text)}},
          "from": { "id": "29:user", "name": "김분과" },
          "recipient": { "id": "28:{{AppId}}", "name": "회의봇" },
          "conversation": { "id": "{{Conversation}}", "conversationType": "{{conversationType}}" },
          "entities": {{(mention ? $$"""[{ "type": "mention", "mentioned": { "id": "28:{{AppId}}", "name": "회의봇" }, "text": "<at>회의봇</at>" }]""" : "[]")}},
          "channelData": { "tenant": { "id": "t" }, "meeting": { "id": "MCMx" } }
        }
        """;

    private async Task<HttpStatusCode> PostAsync(string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _bot!.Url("/api/messages"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Authenticated_message_is_handed_over_without_the_mention()
    {
        await StartBotAsync();

        Assert.Equal(HttpStatusCode.OK, await PostAsync(Activity("<at>회의봇</at> /시작", mention: true), Token()));

        var input = Assert.Single(_handed);
        Assert.Equal("/시작", input.Text);
        Assert.Equal(ChatInputKind.Message, input.Kind);
        Assert.Equal(Conversation, input.Conversation.ConversationId);
        Assert.True(input.AddressedToBot);
    }

    [Fact]
    public async Task Request_without_a_token_is_refused_with_401()
    {
        await StartBotAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(Activity("/시작", mention: false), token: null));
        Assert.Empty(_handed);
    }

    [Fact]
    public async Task Token_for_another_service_url_is_refused_with_403()
    {
        await StartBotAsync();

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(Activity("/시작", mention: false), Token("https://attacker.example/")));
        Assert.Empty(_handed);
    }

    [Fact]
    public async Task Body_that_is_not_an_activity_is_a_bad_request()
    {
        await StartBotAsync();

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync("{ not json", Token()));
    }

    [Fact]
    public async Task Activities_the_engine_does_not_use_are_acknowledged_and_dropped()
    {
        await StartBotAsync();

        Assert.Equal(HttpStatusCode.OK, await PostAsync(Activity("x", mention: false).Replace("\"type\": \"message\"", "\"type\": \"typing\"", StringComparison.Ordinal), Token()));
        Assert.Empty(_handed);
    }

    [Fact]
    public async Task With_RequireMention_unmentioned_group_messages_are_dropped_but_personal_ones_pass()
    {
        await StartBotAsync(new() { ["Teams:RequireMention"] = "true" });

        Assert.Equal(HttpStatusCode.OK, await PostAsync(Activity("잡담", mention: false), Token()));
        Assert.Empty(_handed);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(Activity("/도움말", mention: false, conversationType: "personal"), Token()));
        Assert.Equal("/도움말", Assert.Single(_handed).Text);
    }

    [Fact]
    public async Task Playground_mode_accepts_activities_without_a_token()
    {
        await StartBotAsync(new() { ["Teams:AppId"] = "", ["Teams:AllowUnauthenticated"] = "true" });

        Assert.Equal(HttpStatusCode.OK, await PostAsync(Activity("<at>회의봇</at> /시작", mention: true), token: null));
        Assert.Single(_handed);
    }

    [Fact]
    public async Task A_stranger_without_a_token_hears_401_even_for_a_body_over_the_limit()
    {
        await StartBotAsync();

        var tooBig = Activity("#의견 " + new string('x', RequestBodyLimit.MaxBytes), mention: false);

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(tooBig, token: null));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(tooBig, Token()));
        Assert.Empty(_handed);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_415_after_the_token()
    {
        await StartBotAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, _bot!.Url("/api/messages")) { Content = new StringContent("/시작", Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token());
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(_handed);
    }

    [Fact]
    public async Task Without_Teams_settings_the_door_is_not_there()
    {
        await StartBotAsync(new() { ["Teams:AppId"] = "" });

        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(Activity("/시작", mention: true), Token()));
    }

    /// <summary>The engine's side of the port, which runs in Host: here it only keeps what the door handed over.</summary>
    private sealed class RecordingInbox : IChatInbox, IEnumerable<ChatInput>
    {
        private readonly ConcurrentQueue<ChatInput> _inputs = new();

        public Task<EngineResult> AcceptAsync(ChatInput input, CancellationToken cancellationToken = default)
        {
            _inputs.Enqueue(input);
            return Task.FromResult(EngineResult.Ignored);
        }


        public IEnumerator<ChatInput> GetEnumerator() => _inputs.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
