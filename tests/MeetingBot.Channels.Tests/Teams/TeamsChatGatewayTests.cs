using System.Text.Json;
using MeetingBot.Channels.Teams;
using MeetingBot.Core;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Channels.Tests.Teams;

public sealed class TeamsChatGatewayTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _services = TeamsTestHost.Build(TeamsTestHost.FastConnector());
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private IChatGateway Gateway => Assert.Single(_services.GetServices<IChatGateway>(), g => g.Channel == "msteams");

    [Fact]
    public async Task Outbound_message_is_posted_into_its_conversation()
    {
        var at = new DateTimeOffset(2025, 9, 15, 14, 5, 0, TimeSpan.FromHours(9));

        await Gateway.SendAsync(new OutboundMessage(new ConversationAddress("msteams", "19:x@thread.v2", _connector.ServiceUrl), "안건 2: 14:05~14:20 (15')", at));

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("/_connector/v3/conversations/19:x@thread.v2/activities", request.Path);
        Assert.Equal("안건 2: 14:05~14:20 (15')", JsonDocument.Parse(request.Body).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Outbound_reply_is_posted_as_a_reply_to_the_message()
    {
        var at = new DateTimeOffset(2025, 9, 15, 14, 5, 0, TimeSpan.FromHours(9));

        await Gateway.SendAsync(new OutboundMessage(new ConversationAddress("msteams", "19:x@thread.v2", _connector.ServiceUrl), "의견 3번으로 기록했습니다.", at, "1757912462123"));

        Assert.Equal("/_connector/v3/conversations/19:x@thread.v2/activities/1757912462123", Assert.Single(_connector.Requests).Path);
    }

    [Fact]
    public async Task Conversation_without_a_service_url_cannot_be_reached()
    {
        var message = new OutboundMessage(new ConversationAddress("msteams", "19:x@thread.v2"), "x", default);

        var error = await Assert.ThrowsAsync<MeetingBotException>(() => Gateway.SendAsync(message));

        Assert.Contains("serviceUrl", error.Message);
        Assert.Empty(_connector.Requests);
    }
}
