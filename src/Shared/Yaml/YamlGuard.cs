using MeetingBot.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MeetingBot.Yaml;

/// <summary>
/// Stands between YamlDotNet's parser and the tree it builds, and turns a careless or hostile file down at the event
/// that crosses a limit, before the tree costs anything: nesting deeper than <see cref="MaxDepth"/> (the tree builder
/// recurses once per level, and a 100,000-deep file overflows the stack, which no handler can catch), more than
/// <see cref="MaxAliases"/> aliases or aliases that expand beyond <see cref="MaxExpandedSize"/> (an alias is the whole
/// anchored value again for everything that reads the tree, the report writers included), an alias to an anchor that
/// is not finished (a value containing itself), and tags, which these files have no use for and which would otherwise
/// be dropped without a word.
/// </summary>
internal sealed class YamlGuard(IParser parser, string file) : IParser
{
    /// <summary>A meeting file needs six levels (agenda → item → table → rows → row → cell); the rest is slack.</summary>
    public const int MaxDepth = 32;

    public const int MaxAliases = 1000;

    /// <summary>Characters plus values once every alias is replaced by what it names: twice what a file may hold.</summary>
    public const long MaxExpandedSize = 2L * YamlMap.MaxFileBytes;

    private readonly Stack<Open> _open = new();
    private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
    private long _size;
    private int _aliases;

    public ParsingEvent? Current => parser.Current;

    public bool MoveNext()
    {
        if (!parser.MoveNext())
        {
            return false;
        }

        Check(parser.Current!);
        return true;
    }

    /// <summary>
    /// The error for input YamlDotNet could not read without saying why (its scanner gives up on some broken input, an
    /// unclosed '{' among them, with an <see cref="InvalidOperationException"/>): an unclosed bracket when one is open,
    /// where it was opened; otherwise where the scanner stopped.
    /// </summary>
    public MeetingBotException Unreadable(Mark stoppedAt)
    {
        var flow = _open.FirstOrDefault(o => o.Bracket is not null);
        return flow.Bracket is { } bracket
            ? new MeetingBotException(YamlTexts.Unclosed(bracket), file, YamlMap.LineOf(flow.Start), null)
            : new MeetingBotException(YamlTexts.Unreadable, file, YamlMap.LineOf(stoppedAt), null);
    }

    private void Check(ParsingEvent current)
    {
        if (current is NodeEvent { Tag.IsEmpty: false } tagged)
        {
            throw Error(YamlTexts.Tag(tagged.Tag.Value), current);
        }

        switch (current)
        {
            case MappingStart or SequenceStart:
                if (_open.Count >= MaxDepth)
                {
                    throw Error(YamlTexts.TooDeep(MaxDepth), current);
                }

                var bracket = current switch
                {
                    MappingStart { Style: MappingStyle.Flow } => "{",
                    SequenceStart { Style: SequenceStyle.Flow } => "[",
                    _ => null,
                };
                _open.Push(new Open(current.Start, bracket, ((NodeEvent)current).Anchor, _size));
                Grow(1, current);
                break;
            case MappingEnd or SequenceEnd:
                var closed = _open.Pop();
                if (!closed.Anchor.IsEmpty)
                {
                    _anchorSizes[closed.Anchor.Value] = _size - closed.SizeBefore;
                }

                break;
            case Scalar scalar:
                Grow(1 + scalar.Value.Length, current);
                if (!scalar.Anchor.IsEmpty)
                {
                    _anchorSizes[scalar.Anchor.Value] = 1 + scalar.Value.Length;
                }

                break;
            case AnchorAlias alias:
                if (++_aliases > MaxAliases)
                {
                    throw Error(YamlTexts.TooManyAliases(MaxAliases), current);
                }

                if (!_anchorSizes.TryGetValue(alias.Value.Value, out var expanded))
                {
                    throw Error(YamlTexts.AliasWithoutAnchor(alias.Value.Value), current);
                }

                Grow(expanded, current);
                break;
            default:
                break;
        }
    }

    private void Grow(long by, ParsingEvent at)
    {
        _size += by;
        if (_size > MaxExpandedSize)
        {
            throw Error(YamlTexts.TooLargeExpanded(YamlMap.MaxFileBytes), at);
        }
    }

    private MeetingBotException Error(string message, ParsingEvent at) => new(message, file, YamlMap.LineOf(at.Start), null);

    /// <summary>A mapping or list not yet closed: where it began, its bracket when written in flow style, its anchor.</summary>
    private readonly record struct Open(Mark Start, string? Bracket, AnchorName Anchor, long SizeBefore);
}
