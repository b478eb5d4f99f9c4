namespace MeetingBot.Core.Engine.Commands;

/// <summary>
/// A system command (the calendar scheduler, a replay): ties a conversation to a meeting. Nothing changes when it is
/// already tied to it.
/// </summary>
internal static class BindConversation
{
    public static Decision Decide(ConversationBinding? existing, ConversationAddress conversation, string meetingId, DateTimeOffset now) =>
        existing?.MeetingId == meetingId
            ? new Decision(null, [], null, [])
            : new Decision(null, [], new ConversationBinding(conversation, meetingId, now), []);
}
