using MeetingBot.Channels.Teams;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.Host.Services;

namespace MeetingBot.Host.Teams;

/// <summary>
/// What <c>POST /api/messages</c> does with an authenticated activity. The input is committed inline (the engine's
/// group commit keeps that well under a millisecond under load), so it is durable before Teams hears 200; the replies
/// are committed with it to the store's outbox and leave through the <see cref="OutboxDrain"/>, so a slow or rate-limited connector never holds the answer back.
/// </summary>
public sealed partial class TeamsInbox(
    ChatInputProcessor processor,
    TeamsMeetingBinder binder,
    IMeetingStore store,
    TimeProvider time,
    ILogger<TeamsInbox> logger)
{
    public async Task HandleAsync(TeamsInbound inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var input = inbound.Input;
        if (await binder.FindMeetingAsync(inbound, cancellationToken).ConfigureAwait(false) is { } meetingId)
        {
            input = input with { MeetingHint = meetingId };
        }

        var result = await processor.AcceptAsync(input, cancellationToken).ConfigureAwait(false);
        if (result.Duplicate)
        {
            LogRedelivery(logger, input.MessageId, input.Conversation.ConversationId);
            return;
        }

        // The engine answers commands and tags in a chat nobody bound; a plain message addressed to the bot there
        // (an @mention, or a personal chat) deserves the same explanation rather than silence.
        if (result.Messages.Count == 0
            && input.Kind == ChatInputKind.Message
            && (inbound.BotMentioned || ActivityMapper.IsPersonal(inbound.Activity))
            && !await binder.IsBoundAsync(input.Conversation, cancellationToken).ConfigureAwait(false))
        {
            await store.CommitAsync(new StoreChange { Outbox = [new OutboundMessage(input.Conversation, BotText.Unbound, time.GetUtcNow(), input.MessageId)] }, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 4210, Level = LogLevel.Debug, Message = "Teams 활동 {MessageId}({Conversation})은(는) 이미 처리했습니다(재전송).")]
    private static partial void LogRedelivery(ILogger logger, string messageId, string conversation);
}
