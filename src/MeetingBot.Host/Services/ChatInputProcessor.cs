using MeetingBot.Core;
using MeetingBot.Core.Engine;

namespace MeetingBot.Host.Services;

/// <summary>
/// The one place every door (Teams, Google Chat, tests) hands a chat input to: the engine decides and commits the
/// change with its replies in the outbox, the <see cref="OutboxDrain"/> sends them, and a meeting that just ended has
/// its report delivered in the background.
/// </summary>
public sealed class ChatInputProcessor(MeetingEngine engine, ReportDelivery delivery, OutboxDrain outbox) : IChatInbox
{
    /// <summary>
    /// For doors that must answer their platform fast (Teams gives up after about 15 s): returns once the input and
    /// its replies are durable; the replies go out in the background, in order.
    /// </summary>
    public async Task<EngineResult> AcceptAsync(ChatInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await engine.HandleAsync(input, cancellationToken).ConfigureAwait(false);
        if (result.EndedMeetingId is { } ended)
        {
            delivery.Enqueue(ended);
        }

        return result;
    }

    /// <summary>Accepts the input and returns once the outbox has sent everything (tests, scripted runs).</summary>
    public async Task<EngineResult> ProcessAsync(ChatInput input, CancellationToken cancellationToken)
    {
        var result = await AcceptAsync(input, cancellationToken).ConfigureAwait(false);
        await outbox.IdleAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }
}
