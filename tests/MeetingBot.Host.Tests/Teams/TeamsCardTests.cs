using System.Net;
using System.Text.Json;
using MeetingBot.Channels.Teams;
using MeetingBot.Core;
using MeetingBot.Host.Tests.Staff;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Host.Tests.Teams;

/// <summary>
/// The agenda card and its buttons through the real endpoint with signed Bot Service tokens (SPEC §10): the card posted
/// at <c>/시작</c> and updated in place on the connector, <c>adaptiveCard/action</c> invokes answered synchronously
/// with the refreshed card, role checks as for the text commands, the opinion form, redeliveries, the Submit
/// fallback, coalescing under a burst, and cards turned off.
/// </summary>
public sealed class TeamsCardTests : IAsyncLifetime, IDisposable
{
    private const string Chat = "19:meeting_cards@thread.v2";
    private const string AppId = "5c1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a";
    private const string TenantId = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";
    private const string ChairId = "user-id-1";
    private const string ChairName = "Megan Bowen";
    private const string MemberId = "user-id-2";
    private const string MemberName = "Adele Vance";
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 14, 0, 0, TimeSpan.FromHours(9));

    private readonly HostWork _work = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly SigningKey _key = new("cards-key-1");
    private TeamsIdentityServer _identity = null!;
    private LocalConnector _connector = null!;
    private TeamsHost? _host;

    public async Task InitializeAsync()
    {
        _work.AddMeeting(TeamsMeeting.Id, TeamsMeeting.Yaml(Start));
        _identity = await TeamsIdentityServer.StartAsync();
        _identity.PublishBotServiceKeys((_key, ["msteams"]));
        _connector = await LocalConnector.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _connector.DisposeAsync();
        await _identity.DisposeAsync();
    }

    public void Dispose() => _work.Dispose();

    private TeamsHost Host(bool cards = true) => _host ??= new TeamsHost(
        _work,
        new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:TenantId"] = TenantId,
            ["Teams:BotServiceMetadataUrl"] = _identity.BotServiceMetadataUrl,
            ["Teams:EntraMetadataUrl"] = _identity.BotServiceMetadataUrl,
            ["Teams:Cards"] = cards ? "true" : "false",
        },
        _clock,
        configureServices: s => s.AddSingleton<IBotTokenProvider>(new StubTokens()));

    private string Token() => _key.CreateToken(
        new TokenSpec(BotAuthenticator.BotServiceIssuer, AppId, _clock.GetUtcNow().AddMinutes(-1), _clock.GetUtcNow().AddHours(1))
        {
            Claims = new Dictionary<string, object> { ["serviceurl"] = _connector.ServiceUrl },
        });

    private Task SayAsync(string id, string text, string from = ChairId, string name = ChairName) =>
        Host().PostOkAsync(Activities.Message(id, text, Chat, _connector.ServiceUrl, from, name), Token());

    private async Task StartAsync()
    {
        await Host().PostOkAsync(Activities.Message("bind", $"/연결 {TeamsMeeting.Id}", Chat, _connector.ServiceUrl, "user-id-0", "Alex Wilber"), Token());
        await SayAsync("start", "/시작");
        await Host().RepliesSentAsync();
    }

    /// <summary>Clicks <paramref name="verb"/>; returns the HTTP status and the invoke response body.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> ClickAsync(string id, string verb, string from = ChairId, string name = ChairName, IReadOnlyDictionary<string, string>? inputs = null)
    {
        using var response = await Host().PostAsync(Activities.Invoke(id, verb, Chat, _connector.ServiceUrl, from, name, inputs), Token());
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }

    private static string Notice(JsonElement card) => AgendaCardJson.Notice(card);

    [Fact]
    public async Task Start_PostsTheCardOnce_AndEachStepExtensionAndPauseUpdatesItInPlace_InOrder()
    {
        await StartAsync();
        _clock.Advance(TimeSpan.FromMinutes(2));
        await SayAsync("next", "/다음");
        await Host().RepliesSentAsync();
        await SayAsync("extend", "/연장 5");
        await Host().RepliesSentAsync();
        await SayAsync("pause", "/일시정지");
        await Host().RepliesSentAsync();

        var cards = _connector.Cards;
        Assert.Equal(["POST", "PUT", "PUT", "PUT"], cards.Select(c => c.Method));
        Assert.All(cards, c => Assert.Equal((Chat, "card-1"), (c.ConversationId, c.ActivityId)));
        Assert.Equal("▶ 진행 중: 1. 참석자 소개 및 인사 · 남은 시간 5분", cards[0].StatusLine);
        Assert.Equal("▶ 진행 중: 2. 마을 돌봄 네트워크 운영 방안 · 남은 시간 20분", cards[1].StatusLine);
        Assert.Equal("▶ 진행 중: 2. 마을 돌봄 네트워크 운영 방안 · 남은 시간 25분", cards[2].StatusLine);
        Assert.Equal("⏸ 일시정지: 2. 마을 돌봄 네트워크 운영 방안 · 남은 시간 25분", cards[3].StatusLine);
        Assert.DoesNotContain(_connector.TextsTo(Chat), t => t.Length == 0);
    }

    [Fact]
    public async Task ATimeboxWarning_UpdatesTheCard_BesideTheWarningText()
    {
        await StartAsync();

        // Item 1 has 5 minutes; the 2-minute warning is due at 3 minutes, and the host's clock fires it.
        _clock.Advance(TimeSpan.FromMinutes(3));
        await Eventually.ThatAsync(() => Task.FromResult(_connector.Cards.Count > 1), "the card update beside the warning");

        Assert.Contains(_connector.TextsTo(Chat), t => t.StartsWith('⏰'));
        Assert.Equal("▶ 진행 중: 1. 참석자 소개 및 인사 · 남은 시간 2분", _connector.Cards[^1].StatusLine);
        Assert.Equal("PUT", _connector.Cards[^1].Method);
    }

    [Fact]
    public async Task ChairsClick_IsTheCommand_AnsweredSynchronouslyWithTheRefreshedCard()
    {
        await StartAsync();
        var textsBefore = _connector.TextsTo(Chat).Count;

        var (status, body) = await ClickAsync("click-1", "next");
        await Host().RepliesSentAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        var card = body.GetProperty("value");
        Assert.Equal(("AdaptiveCard", "1.5"), (card.GetProperty("type").GetString(), card.GetProperty("version").GetString()));
        Assert.Equal("▶ 진행 중: 2. 마을 돌봄 네트워크 운영 방안 · 남은 시간 20분", card.GetProperty("body")[1].GetProperty("text").GetString());
        Assert.Equal(2, (await Host().Store.GetRuntimeAsync(TeamsMeeting.Id))!.CurrentItem);
        // The step is news for everyone, as /다음 is; the card is updated in place for everyone.
        Assert.Contains(_connector.TextsTo(Chat).Skip(textsBefore), t => t.StartsWith("▶ 2. 마을 돌봄", StringComparison.Ordinal));
        Assert.Equal(("PUT", "▶ 진행 중: 2. 마을 돌봄 네트워크 운영 방안 · 남은 시간 20분"), (_connector.Cards[^1].Method, _connector.Cards[^1].StatusLine));
    }

    [Fact]
    public async Task MembersClick_IsRefusedInTheResponseOnly_AndNothingChangesOrIsPosted()
    {
        await StartAsync();
        var sentBefore = _connector.Sent.Count;
        var cardsBefore = _connector.Cards.Count;

        var (status, body) = await ClickAsync("click-member", "next", MemberId, MemberName);
        await Host().RepliesSentAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        var card = body.GetProperty("value");
        Assert.Contains("분과장", Notice(card), StringComparison.Ordinal);
        Assert.Equal("attention", card.GetProperty("body")[3].GetProperty("style").GetString());
        Assert.Equal("▶ 진행 중: 1. 참석자 소개 및 인사 · 남은 시간 5분", card.GetProperty("body")[1].GetProperty("text").GetString());
        Assert.Equal(1, (await Host().Store.GetRuntimeAsync(TeamsMeeting.Id))!.CurrentItem);
        Assert.Equal(sentBefore, _connector.Sent.Count);
        Assert.Equal(cardsBefore, _connector.Cards.Count);
    }

    [Fact]
    public async Task OpinionForm_BecomesAnEntryLikeTheTag_SourcedByTheInvoke_AndARedeliveryIsStoredOnce()
    {
        await StartAsync();
        var sentBefore = _connector.Sent.Count;
        var form = new Dictionary<string, string> { ["item"] = "3", ["kind"] = "question", ["text"] = "다음 회의는 어디서 하나요?" };

        var (_, first) = await ClickAsync("form-1", "opinion", MemberId, MemberName, form);
        var (_, again) = await ClickAsync("form-1", "opinion", MemberId, MemberName, form);
        await Host().RepliesSentAsync();

        var entry = Assert.Single(await Host().Store.GetEntriesAsync(TeamsMeeting.Id));
        Assert.Equal((EntryKind.Question, 3, "다음 회의는 어디서 하나요?", "form-1", MemberId), (entry.Kind, entry.ItemIndex, entry.Text, entry.SourceId, entry.AuthorId));
        Assert.Equal("✅ 1번 질문 접수 — 3. 향후 일정 안내 (철회: /철회 1)", Notice(first.GetProperty("value")));
        Assert.Equal("이 요청은 이미 처리했습니다.", again.GetProperty("value").GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Equal(sentBefore, _connector.Sent.Count);
    }

    [Fact]
    public async Task OpinionForm_WithoutText_IsNotCaptured_AndTheAuthorIsToldWhy()
    {
        await StartAsync();

        var (_, body) = await ClickAsync("form-empty", "opinion", MemberId, MemberName, new Dictionary<string, string> { ["item"] = "1", ["kind"] = "opinion", ["text"] = "   " });

        Assert.Empty(await Host().Store.GetEntriesAsync(TeamsMeeting.Id));
        Assert.Contains("#의견 뒤에 내용을", Notice(body.GetProperty("value")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitFallback_IsTheSameCommand_AnsweredInTheChat()
    {
        await StartAsync();

        await Host().PostOkAsync(Activities.Submit("submit-1", "next", Chat, _connector.ServiceUrl, MemberId, MemberName), Token());
        await Host().PostOkAsync(Activities.Submit("submit-2", "next", Chat, _connector.ServiceUrl, ChairId, ChairName), Token());
        await Host().RepliesSentAsync();

        Assert.Equal(2, (await Host().Store.GetRuntimeAsync(TeamsMeeting.Id))!.CurrentItem);
        var refusal = Assert.Single(_connector.Sent, s => s.ReplyToId == "submit-1");
        Assert.Contains("분과장", refusal.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABurstOfSteps_WhileACardUpdateIsInFlight_SendsOnlyTheLastState()
    {
        await StartAsync();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connector.BeforeCardAnswer = card =>
        {
            if (card.Method != "PUT")
            {
                return Task.CompletedTask;
            }

            firstHeld.TrySetResult();
            return hold.Task;
        };

        await SayAsync("b1", "/연장 5");
        await firstHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await SayAsync("b2", "/다음");
        await SayAsync("b3", "/다음");
        await SayAsync("b4", "/이전");
        hold.SetResult();
        await Host().RepliesSentAsync();

        var puts = _connector.Cards.Where(c => c.Method == "PUT").ToList();
        Assert.Equal(2, puts.Count);
        Assert.Equal("▶ 진행 중: 1. 참석자 소개 및 인사 · 남은 시간 10분", puts[0].StatusLine);
        Assert.Equal("▶ 진행 중: 2. 마을 돌봄 네트워크 운영 방안 · 남은 시간 20분", puts[1].StatusLine);
        Assert.Equal(2, (await Host().Store.GetRuntimeAsync(TeamsMeeting.Id))!.CurrentItem);
    }

    [Fact]
    public async Task CardsOff_PostsNoCard_AndTheTextCommandsStillWork()
    {
        Host(cards: false);
        await StartAsync();
        await SayAsync("next", "/다음");
        await Host().RepliesSentAsync();

        Assert.Empty(_connector.Cards);
        Assert.Contains(_connector.TextsTo(Chat), t => t.StartsWith("📋", StringComparison.Ordinal));
        Assert.Contains(_connector.TextsTo(Chat), t => t.StartsWith("▶ 2. 마을 돌봄", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnsignedClick_Is401_AndChangesNothing()
    {
        await StartAsync();

        using var response = await Host().PostAsync(Activities.Invoke("forged", "end", Chat, _connector.ServiceUrl, ChairId, ChairName));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(MeetingStatus.Running, (await Host().Store.GetRuntimeAsync(TeamsMeeting.Id))!.Status);
    }

    private sealed class StubTokens : IBotTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>("outbound-token-from-stub");
    }
}
