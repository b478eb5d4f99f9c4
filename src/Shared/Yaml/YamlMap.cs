using System.Buffers;
using System.Globalization;
using System.Text.Unicode;
using MeetingBot.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MeetingBot.Yaml;

/// <summary>
/// A YAML mapping being read field by field. Every problem becomes a <see cref="MeetingBotException"/> that names
/// the file, the 1-based line (from YamlDotNet's marks) and the field path, e.g. <c>agenda[2].minutes</c>.
/// List indexes in field paths are 1-based, like agenda item numbers and default message ids, so a path
/// means the same thing to the people who write these files as the rest of the product does.
/// Files are bounded before parsing (<see cref="MaxFileBytes"/>, strict UTF-8) and while parsing (<see cref="YamlGuard"/>:
/// depth, aliases, tags), so no file can crash or exhaust the process that reads it.
/// </summary>
/// <remarks>
/// Shared as source by the meeting file reader (Calendar) and the chat replay reader (Channels): the dependency
/// rule keeps YAML out of Core, and the two adapters must not reference each other.
/// </remarks>
internal sealed class YamlMap
{
    private static readonly string[] NullWords = ["", "~", "null", "Null", "NULL"];
    private static readonly string[] TrueWords = ["true", "True", "TRUE"];
    private static readonly string[] FalseWords = ["false", "False", "FALSE"];

    /// <summary>
    /// 1 MiB: a month of meetings is a few kilobytes and a long replay a few hundred, while a file this size already
    /// takes seconds to turn into four report formats.
    /// </summary>
    public const int MaxFileBytes = 1024 * 1024;

    private YamlMap(string file, YamlMappingNode node, string path)
    {
        File = file;
        Node = node;
        Path = path;
    }

    public string File { get; }

    public YamlMappingNode Node { get; }

    /// <summary>Field path of this mapping; empty for the document root.</summary>
    public string Path { get; }

    public int Line => LineOf(Node);

    /// <summary>Parses a single-document YAML text whose root is a mapping, within <see cref="YamlGuard"/>'s limits.</summary>
    public static YamlMap LoadRoot(string yaml, string file)
    {
        var scanner = new Scanner(new StringReader(yaml));
        var guard = new YamlGuard(new Parser(scanner), file);
        var stream = new YamlStream();
        try
        {
            stream.Load(guard);
        }
        catch (YamlException ex)
        {
            throw new MeetingBotException(YamlTexts.Malformed(ex), file, LineOf(ex.Start), null);
        }
        catch (InvalidOperationException)
        {
            throw guard.Unreadable(scanner.CurrentPosition);
        }

        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            throw new MeetingBotException(YamlTexts.EmptyFile, file, 1, null);
        }

        if (stream.Documents.Count > 1)
        {
            throw new MeetingBotException(YamlTexts.SeveralDocuments, file, LineOf(stream.Documents[1].RootNode), null);
        }

        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode map)
        {
            throw new MeetingBotException(YamlTexts.RootNotMapping, file, LineOf(root), null);
        }

        return new YamlMap(file, map, "");
    }

    /// <summary>
    /// The text of a YAML file: at most <see cref="MaxFileBytes"/>, strictly UTF-8 (a BOM allowed). A byte that is not
    /// UTF-8 (a file saved as EUC-KR, say) is an error naming its line rather than a silent U+FFFD in the report.
    /// </summary>
    public static string ReadFile(string path)
    {
        var bytes = new byte[MaxFileBytes + 1];
        int length;
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            length = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new MeetingBotException(YamlTexts.FileNotFound, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MeetingBotException(YamlTexts.CannotRead(ex.Message), path);
        }

        if (length > MaxFileBytes)
        {
            throw new MeetingBotException(YamlTexts.TooLarge(MaxFileBytes), path, LineAt(bytes, MaxFileBytes), null);
        }

        ReadOnlySpan<byte> text = bytes.AsSpan(0, length);
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }

        var chars = new char[text.Length];
        if (Utf8.ToUtf16(text, chars, out var read, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            throw new MeetingBotException(YamlTexts.NotUtf8(text[read]), path, LineAt(text, read), null);
        }

        return new string(chars, 0, written);
    }

    public static int LineOf(YamlNode node) => LineOf(node.Start);

    public string FieldPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public MeetingBotException Error(string message, YamlNode at, string? field) =>
        new(message, File, LineOf(at), field);

    /// <summary>Rejects keys outside <paramref name="allowed"/>, so a typo is an error rather than a silently missing value.</summary>
    public void RejectUnknownFields(IReadOnlyList<string> allowed)
    {
        foreach (var key in Node.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || IsNull(key))
            {
                throw Error(YamlTexts.KeyNotText, key, Path.Length == 0 ? null : Path);
            }

            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Error(YamlTexts.UnknownField(name, allowed, Suggest(name, allowed)), key, FieldPath(name));
            }
        }
    }

    public bool Has(string key) => Find(key) is { } entry && !IsNull(entry.Value);

    /// <summary>A required text value: present, a scalar, and not blank.</summary>
    public string RequiredText(string key)
    {
        var (keyNode, value) = Require(key);
        var text = Text(value, FieldPath(key));
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Error(YamlTexts.Blank, keyNode, FieldPath(key));
        }

        return text;
    }

    /// <summary>An optional text value, as written; <c>null</c> when absent or YAML null.</summary>
    public string? OptionalText(string key) =>
        Find(key) is { } entry && !IsNull(entry.Value) ? Text(entry.Value, FieldPath(key)) : null;

    public bool OptionalBool(string key, bool defaultValue)
    {
        if (Find(key) is not { } entry || IsNull(entry.Value))
        {
            return defaultValue;
        }

        var text = Text(entry.Value, FieldPath(key));
        if (entry.Value is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any })
        {
            if (TrueWords.Contains(text, StringComparer.Ordinal))
            {
                return true;
            }

            if (FalseWords.Contains(text, StringComparer.Ordinal))
            {
                return false;
            }
        }

        throw Error(YamlTexts.NotBool, entry.Value, FieldPath(key));
    }

    /// <summary>A required list; an empty list is allowed here, callers that need items check the count.</summary>
    public YamlSequenceNode RequiredList(string key)
    {
        var (_, value) = Require(key);
        return List(value, FieldPath(key));
    }

    public YamlSequenceNode? OptionalList(string key) =>
        Find(key) is { } entry && !IsNull(entry.Value) ? List(entry.Value, FieldPath(key)) : null;

    public YamlMap? OptionalMap(string key) =>
        Find(key) is { } entry && !IsNull(entry.Value) ? Map(entry.Value, FieldPath(key)) : null;

    /// <summary>The node of <paramref name="key"/>'s value, for errors about a value that parsed but is not acceptable.</summary>
    public YamlNode ValueNode(string key) => Find(key)?.Value ?? Node;

    /// <summary>The line of <paramref name="key"/> itself (or of this mapping when absent).</summary>
    public int LineOfKey(string key) => Find(key) is { } entry ? LineOf(entry.Key) : Line;

    /// <summary>The elements of a list field, each required to be a mapping; paths are <c>field[1]</c>, <c>field[2]</c>, ….</summary>
    public IEnumerable<YamlMap> Maps(YamlSequenceNode list, string listPath)
    {
        var position = 0;
        foreach (var item in list.Children)
        {
            position++;
            yield return Map(item, $"{listPath}[{position}]");
        }
    }

    /// <summary>The elements of a list field as text; YAML null elements become <paramref name="nullAs"/> or are rejected when it is null.</summary>
    public IReadOnlyList<string> Texts(YamlSequenceNode list, string listPath, string? nullAs)
    {
        var texts = new List<string>(list.Children.Count);
        var position = 0;
        foreach (var item in list.Children)
        {
            position++;
            var path = $"{listPath}[{position}]";
            if (IsNull(item))
            {
                texts.Add(nullAs ?? throw Error(YamlTexts.Blank, item, path));
                continue;
            }

            texts.Add(Text(item, path));
        }

        return texts;
    }

    public YamlSequenceNode List(YamlNode value, string path) =>
        value as YamlSequenceNode ?? throw Error(YamlTexts.NotList, value, path);

    public YamlMap Map(YamlNode value, string path) =>
        value is YamlMappingNode map ? new YamlMap(File, map, path) : throw Error(YamlTexts.NotMapping, value, path);

    private string Text(YamlNode value, string path) =>
        value is YamlScalarNode { Value: { } text } ? text : throw Error(YamlTexts.NotText, value, path);

    private (YamlNode Key, YamlNode Value) Require(string key)
    {
        if (Find(key) is not { } entry)
        {
            throw Error(YamlTexts.Missing(key), Node, FieldPath(key));
        }

        if (IsNull(entry.Value))
        {
            throw Error(YamlTexts.Blank, entry.Key, FieldPath(key));
        }

        return entry;
    }

    private (YamlNode Key, YamlNode Value)? Find(string key)
    {
        foreach (var (k, v) in Node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && string.Equals(name, key, StringComparison.Ordinal))
            {
                return (k, v);
            }
        }

        return null;
    }

    /// <summary>YAML's null: an empty or <c>~</c>/<c>null</c> plain scalar. A quoted <c>""</c> is text, not null.</summary>
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar
        && (scalar.Value is null
            || (scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && NullWords.Contains(scalar.Value, StringComparer.Ordinal)));

    public static int LineOf(Mark mark) => mark.Line is > 0 and <= int.MaxValue ? (int)mark.Line : 1;

    /// <summary>The 1-based line of byte <paramref name="index"/>.</summary>
    private static int LineAt(ReadOnlySpan<byte> bytes, int index) => 1 + bytes[..index].Count((byte)'\n');

    /// <summary>The allowed name closest to a mistyped one (case or up to two edits away), to say what was probably meant.</summary>
    private static string? Suggest(string name, IReadOnlyList<string> allowed)
    {
        var caseOnly = allowed.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
        if (caseOnly is not null)
        {
            return caseOnly;
        }

        return allowed
            .Select(a => (Name: a, Distance: EditDistance(name.ToLower(CultureInfo.InvariantCulture), a.ToLower(CultureInfo.InvariantCulture))))
            .Where(a => a.Distance <= 2 && a.Distance < a.Name.Length)
            .OrderBy(a => a.Distance)
            .Select(a => a.Name)
            .FirstOrDefault();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
