using MeetingBot.Core;
using MeetingBot.Core.Engine;

namespace MeetingBot.Host.Services;

/// <summary>
/// The one place every door (Teams, Google Chat, tests) hands a chat input to: the engine decides, the replies go
/// out, and a meeting that just ended has its report delivered in the background.
/// </summary>
public sealed class ChatInputProcessor(MeetingEngine engine, OutboundDispatcher dispatcher, ReportDelivery delivery, OutboundQueue outbox) : IChatInbox
{
    public async Task<EngineResult> ProcessAsync(ChatInput input, CancellationToken cancellationToken)
    {
        var result = await DecideAsync(input, cancellationToken).ConfigureAwait(false);
        await dispatcher.SendAsync(result.Messages, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// The durable turn, with a just-ended meeting's report queued, and the replies left to the caller: for doors that
    /// answer part of them in the HTTP response (Google Chat's synchronous reply).
    /// </summary>
    public async Task<EngineResult> DecideAsync(ChatInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await engine.HandleAsync(input, cancellationToken).ConfigureAwait(false);

        // Queued before the replies go out, so a slow or cancelled send cannot hold the report back.
        if (result.EndedMeetingId is { } ended)
        {
            delivery.Enqueue(ended);
        }

        return result;
    }

    /// <summary>
    /// For doors that must answer their platform fast (Teams gives up after about 15 s): returns once the input is
    /// durable, with the replies queued in order to go out in the background.
    /// </summary>
    public async Task<EngineResult> AcceptAsync(ChatInput input, CancellationToken cancellationToken)
    {
        var result = await DecideAsync(input, cancellationToken).ConfigureAwait(false);
        await outbox.EnqueueAsync(result.Messages, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public Task SendAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken) =>
        dispatcher.SendAsync(messages, cancellationToken);
}
