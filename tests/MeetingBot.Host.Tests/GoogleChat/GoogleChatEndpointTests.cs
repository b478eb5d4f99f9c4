using Microsoft.Extensions.DependencyInjection;
using MeetingBot.Host.Services;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.GoogleChat;

/// <summary><c>POST /api/googlechat</c> through the real host: Google's token checked, the engine run, the first reply synchronous.</summary>
public sealed class GoogleChatEndpointTests : IAsyncLifetime, IDisposable
{
    private const string Space = "spaces/AAAAydpStrat";

    private readonly GoogleChatTokens _google = new();
    private LocalHttpServer _keys = null!;

    public async Task InitializeAsync() => _keys = await GoogleChatHost.StartKeyServerAsync(_google.JwksJson());

    public async Task DisposeAsync() => await _keys.DisposeAsync();

    public void Dispose() => _google.Dispose();

    private string Token(GoogleChatHost host, string audience = GoogleChatHost.Endpoint) => _google.IdToken(audience, host.Clock.GetUtcNow());

    private static async Task<HttpResponseMessage> PostAsync(GoogleChatHost host, string body, string? token)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/googlechat") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>
    /// The event is answered with an empty message once it is durable; what the bot says comes through the outbox and
    /// the Chat API. Returns those posts since the last call, in order, joined as one text (null: none).
    /// </summary>
    private async Task<string?> ReplyTextAsync(GoogleChatHost host, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        await host.Services.GetRequiredService<OutboxDrain>().IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var posts = host.Chat.Sent.Skip(_seen).ToList();
        _seen += posts.Count;
        Assert.All(posts, m => Assert.Equal(new ConversationAddress("googlechat", Space), m.To));
        return posts.Count == 0 ? null : string.Join("\n\n", posts.Select(m => m.Text));
    }

    private int _seen;

    private static string Added() => $$"""
        {"type":"ADDED_TO_SPACE","eventTime":"2020-09-15T04:58:00.000000Z","space":{"name":"{{Space}}","type":"ROOM","spaceType":"SPACE"},
         "user":{"name":"{{GoogleChatHost.Staff}}","displayName":"협치조정관","type":"HUMAN"} }
        """;

    [Fact]
    public async Task Chat_events_with_a_good_token_run_the_meeting_and_the_first_reply_answers_the_request()
    {
        await using var host = new GoogleChatHost(_keys);

        var greeting = await ReplyTextAsync(host, await PostAsync(host, Added(), Token(host)));
        var bound = await ReplyTextAsync(host, await PostAsync(host, GoogleChatTokens.MessageEvent(Space, "m1", GoogleChatHost.Staff, "협치조정관", "@MeetingBot /연결 ydp-2020-09-strategy", " /연결 ydp-2020-09-strategy"), Token(host)));
        var started = await ReplyTextAsync(host, await PostAsync(host, GoogleChatTokens.MessageEvent(Space, "m2", GoogleChatHost.Chair, "조영윤", "/시작", "", slashCommandId: 1), Token(host)));

        Assert.Contains("MeetingBot", greeting);
        Assert.Contains(GoogleChatHost.MeetingId, bound);
        Assert.NotNull(started);
        var binding = await host.Store.FindBindingAsync("googlechat", Space);
        Assert.Equal(GoogleChatHost.MeetingId, binding?.MeetingId);
        Assert.Equal(MeetingStatus.Running, (await host.Store.GetRuntimeAsync(GoogleChatHost.MeetingId))?.Status);

        // The agenda, the item that opened and the hint, all through the Chat API, in order.
        var agenda = started.IndexOf("📋", StringComparison.Ordinal);
        var item = started.IndexOf("▶ 1.", StringComparison.Ordinal);
        var hint = started.IndexOf("#의견", item, StringComparison.Ordinal);
        Assert.True(agenda >= 0 && agenda < item && item < hint, started);
        Assert.Contains("참석자 소개 및 인사", started);
    }

    [Theory]
    [InlineData("협치조정관")]
    [InlineData("지역협치팀장")]
    public async Task A_staff_members_display_name_on_another_account_cannot_bind_the_space(string staffName)
    {
        await using var host = new GoogleChatHost(_keys);

        var reply = await ReplyTextAsync(host, await PostAsync(host, GoogleChatTokens.MessageEvent(Space, "s1", "users/999", staffName, "/연결 ydp-2020-09-strategy"), Token(host)));

        Assert.Equal(BotText.Refused(Command.Bind) + "\n" + BotText.NotRecognised(staffName, "users/999"), reply);
        Assert.Null(await host.Store.FindBindingAsync("googlechat", Space));
    }

    [Fact]
    public async Task The_chairs_display_name_on_another_account_cannot_start_or_decide_and_nothing_changes()
    {
        await using var host = new GoogleChatHost(_keys);
        await ReplyTextAsync(host, await PostAsync(host, GoogleChatTokens.MessageEvent(Space, "m1", GoogleChatHost.Staff, "협치조정관", "/연결 ydp-2020-09-strategy"), Token(host)));

        var start = await ReplyTextAsync(host, await PostAsync(host, GoogleChatTokens.MessageEvent(Space, "s2", "users/998", "조영윤", "/시작"), Token(host)));
        var decision = await ReplyTextAsync(host, await PostAsync(host, GoogleChatTokens.MessageEvent(Space, "s3", "users/998", "조영윤", "#결정 원안대로 가결"), Token(host)));

        Assert.StartsWith(BotText.Refused(Command.Start), start, StringComparison.Ordinal);
        Assert.StartsWith(BotText.DecisionRefused, decision, StringComparison.Ordinal);
        Assert.Null(await host.Store.GetRuntimeAsync(GoogleChatHost.MeetingId));
        Assert.Empty(await host.Store.GetEntriesAsync(GoogleChatHost.MeetingId));
    }

    [Fact]
    public async Task Ending_the_meeting_from_Google_Chat_writes_the_report_files()
    {
        var reports = Directory.CreateTempSubdirectory("meetingbot-gchat-reports-");
        try
        {
            await using var host = new GoogleChatHost(_keys, settings: new Dictionary<string, string?> { ["Reports:Folder"] = reports.FullName });
            await ReplyTextAsync(host, await PostAsync(host, GoogleChatTokens.MessageEvent(Space, "m1", GoogleChatHost.Staff, "협치조정관", "/연결 ydp-2020-09-strategy"), Token(host)));
            await ReplyTextAsync(host, await PostAsync(host, GoogleChatTokens.MessageEvent(Space, "m2", GoogleChatHost.Chair, "조영윤", "/시작"), Token(host)));
            await ReplyTextAsync(host, await PostAsync(host, GoogleChatTokens.MessageEvent(Space, "m3", GoogleChatHost.Chair, "조영윤", "#의견 구글 채팅에서 남긴 의견입니다"), Token(host)));

            var ended = await ReplyTextAsync(host, await PostAsync(host, GoogleChatTokens.MessageEvent(Space, "m4", GoogleChatHost.Chair, "조영윤", "/종료"), Token(host)));

            Assert.Contains("🏁", ended);
            var report = Path.Combine(reports.FullName, GoogleChatHost.MeetingId, "report.md");
            for (var i = 0; i < 200 && !File.Exists(report); i++)
            {
                await Task.Delay(50);
            }

            Assert.Contains("구글 채팅에서 남긴 의견", await File.ReadAllTextAsync(report));
            Assert.NotNull(await host.Store.GetDeliveryAsync(GoogleChatHost.MeetingId));
        }
        finally
        {
            reports.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_redelivered_event_changes_nothing_and_is_answered_with_an_empty_message()
    {
        await using var host = new GoogleChatHost(_keys);
        var bind = GoogleChatTokens.MessageEvent(Space, "m1", GoogleChatHost.Staff, "협치조정관", "/연결 ydp-2020-09-strategy");
        await ReplyTextAsync(host, await PostAsync(host, bind, Token(host)));

        var again = await ReplyTextAsync(host, await PostAsync(host, bind, Token(host)));

        Assert.Null(again);
        Assert.Single(host.Chat.Sent);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("wrong audience")]
    [InlineData("unsigned")]
    [InlineData("someone else")]
    public async Task A_request_without_Chats_token_is_401_and_nothing_is_processed_or_stored(string kind)
    {
        await using var host = new GoogleChatHost(_keys);
        var now = host.Clock.GetUtcNow();
        var token = kind switch
        {
            "none" => null,
            "wrong audience" => Token(host, "https://elsewhere.example/api/googlechat"),
            "unsigned" => GoogleChatTokens.WithoutSignature(Token(host)),
            "someone else" => _google.IdToken(GoogleChatHost.Endpoint, now, email: "attacker@gmail.com"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var bind = GoogleChatTokens.MessageEvent(Space, "m1", GoogleChatHost.Staff, "협치조정관", "/연결 ydp-2020-09-strategy");

        var response = await PostAsync(host, bind, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await host.Store.FindBindingAsync("googlechat", Space));
        Assert.False(await host.Store.IsProcessedAsync("googlechat", Space, $"{Space}/messages/m1"));
        Assert.Empty(host.Chat.Sent);
    }

    [Fact]
    public async Task A_body_that_is_not_a_Chat_event_is_400()
    {
        await using var host = new GoogleChatHost(_keys);

        var response = await PostAsync(host, "{\"type\":", Token(host));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_stranger_without_a_token_hears_401_before_the_body_is_read_even_when_it_is_oversized()
    {
        await using var host = new GoogleChatHost(_keys);
        var huge = GoogleChatTokens.MessageEvent(Space, "m1", GoogleChatHost.Chair, "조영윤", "#의견 " + new string('가', 300_000));

        var response = await PostAsync(host, huge, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await host.Store.IsProcessedAsync("googlechat", Space, $"{Space}/messages/m1"));
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        await using var host = new GoogleChatHost(_keys);
        var huge = GoogleChatTokens.MessageEvent(Space, "m1", GoogleChatHost.Chair, "조영윤", "#의견 " + new string('가', 300_000));

        var response = await PostAsync(host, huge, Token(host));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False(await host.Store.IsProcessedAsync("googlechat", Space, $"{Space}/messages/m1"));
    }

    [Fact]
    public async Task The_endpoint_is_404_while_Google_Chat_is_not_configured()
    {
        await using var host = new GoogleChatHost(_keys, audience: "");

        var response = await PostAsync(host, Added(), Token(host));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await host.Store.FindBindingAsync("googlechat", Space));
    }
}
