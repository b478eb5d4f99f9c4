using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MeetingBot.Channels.Teams;
using MeetingBot.Core;
using MeetingBot.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Channels.Tests.Teams;

/// <summary><c>POST /api/messages</c> served by Kestrel, with tokens checked against a local OpenID/JWKS server.</summary>
public sealed class TeamsEndpointsTests : IAsyncLifetime
{
    private const string AppId = "7f3a2c1e-0000-4000-8000-00000000b07";
    private const string ServiceUrl = "https://smba.trafficmanager.net/kr/";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 9, 15, 5, 0, 0, TimeSpan.Zero));
    private readonly SigningKey _key = new("bot-key-1");
    private readonly ConcurrentQueue<TeamsInbound> _handed = new();
    private static readonly HttpClient Http = new();
    private TeamsIdentityServer _identity = null!;
    private LocalHttpServer? _bot;

    public async Task InitializeAsync()
    {
        _identity = await TeamsIdentityServer.StartAsync();
        _identity.PublishBotServiceKeys((_key, ["msteams"]));
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
            await _bot.DisposeAsync();
        await _identity.DisposeAsync();
    }

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
                builder.Services.AddTeamsChannel(builder.Configuration);
            },
            configure: app => app.MapTeams((inbound, _, _) =>
            {
                _handed.Enqueue(inbound);
                return Task.CompletedTask;
            }));
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
          "conversation": { "id": "19:meeting_x@thread.v2", "conversationType": "{{conversationType}}" },
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

        var inbound = Assert.Single(_handed);
        Assert.Equal("/시작", inbound.Input.Text);
        Assert.Equal(ChatInputKind.Message, inbound.Input.Kind);
        Assert.Equal("MCMx", inbound.MeetingId);
        Assert.True(inbound.BotMentioned);
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
        Assert.Equal("/도움말", Assert.Single(_handed).Input.Text);
    }

    [Fact]
    public async Task Playground_mode_accepts_activities_without_a_token()
    {
        await StartBotAsync(new() { ["Teams:AppId"] = "", ["Teams:AllowUnauthenticated"] = "true" });

        Assert.Equal(HttpStatusCode.OK, await PostAsync(Activity("<at>회의봇</at> /시작", mention: true), token: null));
        Assert.Single(_handed);
    }
}
