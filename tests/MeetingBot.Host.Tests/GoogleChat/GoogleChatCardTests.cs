using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Host.Tests.GoogleChat;

/// <summary>
/// The agenda card's buttons and the opinion dialog through <c>POST /api/googlechat</c> with Google-signed tokens
/// (SPEC §10): a click is the same command from the same person, answered synchronously (<c>UPDATE_MESSAGE</c> with
/// the refreshed card, a refusal as a private message), the form a dialog whose submission is an entry like the tag.
/// </summary>
public sealed class GoogleChatCardTests : IAsyncLifetime, IDisposable
{
    private const string Space = "spaces/AAAAcards";
    private const string Member = "users/112";

    private readonly GoogleChatTokens _google = new();
    private LocalHttpServer _keys = null!;

    public async Task InitializeAsync() => _keys = await GoogleChatHost.StartKeyServerAsync(_google.JwksJson());

    public async Task DisposeAsync() => await _keys.DisposeAsync();

    public void Dispose() => _google.Dispose();

    private async Task<JsonElement> PostAsync(GoogleChatHost host, string body)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/googlechat") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _google.IdToken(GoogleChatHost.Endpoint, host.Clock.GetUtcNow()));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        await host.Services.GetRequiredService<OutboxDrain>().IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return json;
    }

    private static string Click(string function, string user, string name, string eventTime, string? dialogEventType = null, JsonObject? formInputs = null)
    {
        var common = new JsonObject { ["invokedFunction"] = function, ["parameters"] = new JsonObject { ["verb"] = function } };
        if (formInputs is not null)
        {
            common["formInputs"] = formInputs;
        }

        var click = new JsonObject
        {
            ["type"] = "CARD_CLICKED",
            ["eventTime"] = eventTime,
            ["space"] = new JsonObject { ["name"] = Space, ["type"] = "ROOM" },
            ["user"] = new JsonObject { ["name"] = user, ["displayName"] = name, ["type"] = "HUMAN" },
            ["message"] = new JsonObject { ["name"] = $"{Space}/messages/agenda-card" },
            ["common"] = common,
        };
        if (dialogEventType is not null)
        {
            click["isDialogEvent"] = true;
            click["dialogEventType"] = dialogEventType;
        }

        return click.ToJsonString();
    }

    private static JsonObject Inputs(string item, string kind, string text)
    {
        static JsonObject One(string value) => new() { ["stringInputs"] = new JsonObject { ["value"] = new JsonArray(value) } };
        return new JsonObject { ["item"] = One(item), ["kind"] = One(kind), ["text"] = One(text) };
    }

    private async Task<GoogleChatHost> StartedAsync()
    {
        var host = new GoogleChatHost(_keys);
        await PostAsync(host, GoogleChatTokens.MessageEvent(Space, "bind", GoogleChatHost.Staff, "협치조정관", "/연결 ydp-2020-09-strategy"));
        await PostAsync(host, GoogleChatTokens.MessageEvent(Space, "start", GoogleChatHost.Chair, "조영윤", "/시작"));
        return host;
    }

    [Fact]
    public async Task ChairsClick_MovesTheMeeting_AndUpdatesTheCardInPlace()
    {
        await using var host = await StartedAsync();

        var answer = await PostAsync(host, Click("next", GoogleChatHost.Chair, "조영윤", "2020-09-15T07:30:01Z"));

        Assert.Equal("UPDATE_MESSAGE", answer.GetProperty("actionResponse").GetProperty("type").GetString());
        var card = answer.GetProperty("cardsV2")[0];
        Assert.Equal("agenda", card.GetProperty("cardId").GetString());
        var status = card.GetProperty("card").GetProperty("sections")[0].GetProperty("widgets")[0].GetProperty("textParagraph").GetProperty("text").GetString();
        Assert.StartsWith("<b>▶ 진행 중: 2. ", status, StringComparison.Ordinal);
        var buttons = card.GetProperty("card").GetProperty("sections")[2].GetProperty("widgets")[0].GetProperty("buttonList").GetProperty("buttons");
        Assert.Equal(["다음", "이전", "5분 연장", "일시정지", "종료", "의견 남기기"], buttons.EnumerateArray().Select(b => b.GetProperty("text").GetString()));
        Assert.Equal("next", buttons[0].GetProperty("onClick").GetProperty("action").GetProperty("function").GetString());
        Assert.Equal(2, (await host.Store.GetRuntimeAsync(GoogleChatHost.MeetingId))!.CurrentItem);
    }

    [Fact]
    public async Task MembersClick_IsRefusedPrivately_AndNothingChangesOrIsPosted()
    {
        await using var host = await StartedAsync();
        var posted = host.Chat.Sent.Count;

        var answer = await PostAsync(host, Click("end", Member, "박서연", "2020-09-15T07:30:02Z"));

        Assert.Equal("NEW_MESSAGE", answer.GetProperty("actionResponse").GetProperty("type").GetString());
        Assert.Equal(Member, answer.GetProperty("privateMessageViewer").GetProperty("name").GetString());
        Assert.Contains("분과장", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(MeetingStatus.Running, (await host.Store.GetRuntimeAsync(GoogleChatHost.MeetingId))!.Status);
        Assert.Equal(posted, host.Chat.Sent.Count);
    }

    [Fact]
    public async Task OpinionButton_OpensTheDialog_WithTheOpenItemChosen_AndItsSubmissionIsAnEntryStoredOnce()
    {
        await using var host = await StartedAsync();

        var dialog = await PostAsync(host, Click("opinion_form", Member, "박서연", "2020-09-15T07:30:03Z", "REQUEST_DIALOG"));
        var submit = Click("opinion", Member, "박서연", "2020-09-15T07:30:09Z", "SUBMIT_DIALOG", Inputs("2", "proposal", "주민 설명회를 열면 좋겠습니다"));
        var closed = await PostAsync(host, submit);
        var again = await PostAsync(host, submit);

        Assert.Equal("DIALOG", dialog.GetProperty("actionResponse").GetProperty("type").GetString());
        var widgets = dialog.GetProperty("actionResponse").GetProperty("dialogAction").GetProperty("dialog").GetProperty("body").GetProperty("sections")[0].GetProperty("widgets");
        var items = widgets[0].GetProperty("selectionInput").GetProperty("items");
        Assert.Equal("1", items.EnumerateArray().Single(i => i.GetProperty("selected").GetBoolean()).GetProperty("value").GetString());
        Assert.Equal(["의견", "질문", "제안"], widgets[1].GetProperty("selectionInput").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()));
        var status = closed.GetProperty("actionResponse").GetProperty("dialogAction").GetProperty("actionStatus");
        Assert.Equal("OK", status.GetProperty("statusCode").GetString());
        Assert.StartsWith("✅ 1번 제안 접수 — 2.", status.GetProperty("userFacingMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal("이 요청은 이미 처리했습니다.", again.GetProperty("actionResponse").GetProperty("dialogAction").GetProperty("actionStatus").GetProperty("userFacingMessage").GetString());
        var entry = Assert.Single(await host.Store.GetEntriesAsync(GoogleChatHost.MeetingId));
        Assert.Equal((EntryKind.Proposal, 2, "주민 설명회를 열면 좋겠습니다", Member), (entry.Kind, entry.ItemIndex, entry.Text, entry.AuthorId));
        Assert.StartsWith("click:", entry.SourceId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsignedClick_Is401()
    {
        await using var host = await StartedAsync();
        using var client = host.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/googlechat", UriKind.Relative), new StringContent(Click("end", GoogleChatHost.Chair, "조영윤", "2020-09-15T07:30:04Z"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(MeetingStatus.Running, (await host.Store.GetRuntimeAsync(GoogleChatHost.MeetingId))!.Status);
    }
}
