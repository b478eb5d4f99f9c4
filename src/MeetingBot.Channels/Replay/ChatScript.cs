using MeetingBot.Core;

namespace MeetingBot.Channels.Replay;

/// <summary>A chat replay file (SPEC §5): one meeting's chat, in time order.</summary>
public sealed record ChatScript(string FileName, string MeetingId, IReadOnlyList<ScriptMessage> Messages)
{
    /// <summary>
    /// The replay conversation this chat is held in (its processed message ids are kept under it): by default the file
    /// name as given; a folder replay sets one that does not depend on where the folder lies, so a second replay of the
    /// same chat into the same store is recognised message by message.
    /// </summary>
    public string ConversationId { get; init; } = FileName;
}

/// <summary>
/// One platform message of a replay. <see cref="Id"/> may repeat an earlier message's id: that is a redelivery, kept
/// so the replay exercises de-duplication. <see cref="Edit"/> / <see cref="Delete"/> name the earlier message changed;
/// <see cref="Text"/> is empty for a delete without text. <see cref="Line"/> is where the message starts in the file.
/// </summary>
public sealed record ScriptMessage(string Id, DateTimeOffset At, Participant From, string Text, string? Edit, string? Delete, int Line);
