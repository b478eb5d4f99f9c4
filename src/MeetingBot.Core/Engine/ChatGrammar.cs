using System.Globalization;

namespace MeetingBot.Core.Engine;

public enum Command
{
    Start,
    Next,
    Previous,
    Goto,
    Extend,
    Pause,
    Resume,
    End,
    Agenda,
    Status,
    Withdraw,
    Bind,
    PauseCapture,
    ResumeCapture,
    Help,
    Unknown,
}

/// <summary>What a chat message says to the bot (SPEC §2).</summary>
public abstract record ParsedMessage;

public sealed record CommandMessage(Command Command, string Name, string Argument) : ParsedMessage;

/// <summary>A tagged entry. <see cref="TargetItem"/> is set by <c>@N</c>; <see cref="Text"/> may be empty (then it is not captured).</summary>
public sealed record TagMessage(EntryKind Kind, string Tag, int? TargetItem, string Text) : ParsedMessage;

public sealed record Chatter : ParsedMessage
{
    public static readonly Chatter Instance = new();
}

/// <summary>The chat vocabulary: Korean commands with their English aliases; the tags are the <see cref="EntryKinds"/> names.</summary>
public static class ChatGrammar
{
    private static readonly Dictionary<string, Command> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["시작"] = Command.Start, ["start"] = Command.Start,
        ["다음"] = Command.Next, ["next"] = Command.Next,
        ["이전"] = Command.Previous, ["prev"] = Command.Previous,
        ["이동"] = Command.Goto, ["goto"] = Command.Goto,
        ["연장"] = Command.Extend, ["extend"] = Command.Extend,
        ["일시정지"] = Command.Pause, ["pause"] = Command.Pause,
        ["재개"] = Command.Resume, ["resume"] = Command.Resume,
        ["종료"] = Command.End, ["end"] = Command.End,
        ["안건"] = Command.Agenda, ["agenda"] = Command.Agenda,
        ["상태"] = Command.Status, ["status"] = Command.Status,
        ["철회"] = Command.Withdraw, ["withdraw"] = Command.Withdraw,
        ["연결"] = Command.Bind, ["bind"] = Command.Bind,
        ["기록중지"] = Command.PauseCapture, ["pause-capture"] = Command.PauseCapture,
        ["기록재개"] = Command.ResumeCapture, ["resume-capture"] = Command.ResumeCapture,
        ["도움말"] = Command.Help, ["help"] = Command.Help,
    };

    public static ParsedMessage Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Chatter.Instance;
        }

        var body = text.Trim();
        if (body[0] is '/' or '／')
        {
            var (word, rest) = SplitWord(body[1..]);
            return Commands.TryGetValue(word, out var command)
                ? new CommandMessage(command, word, rest)
                : new CommandMessage(Command.Unknown, word, rest);
        }

        if (body[0] is '#' or '＃')
        {
            var (word, rest) = SplitWord(body[1..]);
            word = word.TrimEnd(':', '：');
            if (!EntryKinds.TryParse(word, out var kind))
            {
                return Chatter.Instance;
            }

            int? target = null;
            if (rest.StartsWith('@'))
            {
                var (number, afterNumber) = SplitWord(rest[1..]);
                if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var item))
                {
                    target = item;
                    rest = afterNumber;
                }
            }

            return new TagMessage(kind, word, target, rest.TrimStart(':', '：', ' ').Trim());
        }

        return Chatter.Instance;
    }

    /// <summary>Splits off the first word; the rest keeps its inner line breaks and spacing.</summary>
    private static (string Word, string After) SplitWord(string text)
    {
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return (text[..end], text[end..].Trim());
    }
}
