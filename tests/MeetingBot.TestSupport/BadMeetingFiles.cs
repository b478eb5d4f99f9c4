using System.Text;
using Xunit;

namespace MeetingBot.TestSupport;

/// <summary>
/// Meeting files broken the ways a careless hand or a hostile one breaks them, each the repository's 역량강화 sample
/// (<c>samples/2020-09/capacity.meeting.yaml</c>) with one thing wrong, and generated variants of all three samples
/// for fuzzing (<see cref="Mutations"/>).
/// </summary>
public static class BadMeetingFiles
{
    /// <summary>The documented limit (src/MeetingBot.Calendar/README.md): 1 MiB.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The seed of the fuzz tests' <see cref="Mutations"/>, so a failing variant can be made again.</summary>
    public const int FuzzSeed = 20200915;

    public static string SampleFolder { get; } = RepositoryFiles.PathOf("samples", "2020-09");

    public static string Sample { get; } = File.ReadAllText(Path.Combine(SampleFolder, "capacity.meeting.yaml"));

    /// <summary>The named cases, by the name a theory lists.</summary>
    public static IReadOnlyDictionary<string, Func<Case>> Named { get; } = new Dictionary<string, Func<Case>>(StringComparer.Ordinal)
    {
        ["unclosed-flow-mapping"] = UnclosedFlowMapping,
        ["nested-100000-deep"] = () => Deep(100_000),
        ["alias-bomb"] = AliasBomb,
        ["invalid-utf8"] = InvalidUtf8,
        ["unknown-tag"] = UnknownTag,
        ["over-1-mib"] = Oversized,
    };

    /// <summary><see cref="Named"/>'s names, for a theory's <c>MemberData</c>.</summary>
    public static TheoryData<string> Names => new(Named.Keys);

    /// <summary>The chair's <c>{ … }</c> without its <c>}</c>. YamlDotNet notices on the next line, which the error names.</summary>
    public static Case UnclosedFlowMapping()
    {
        const string Chair = "  - { name: 임채휘, sector: civil, role: chair, chatUserId: user-id-21 }";
        return new("unclosed-flow-mapping", Bytes(Replace(Sample, Chair, Chair.TrimEnd('}', ' '))), LineOf(Sample, Chair) + 1, "YAML 형식");
    }

    /// <summary><c>platform:</c> holding a list nested <paramref name="levels"/> deep, every bracket closed.</summary>
    public static Case Deep(int levels) => new(
        $"nested-{levels}-deep",
        Bytes(Replace(Sample, "platform: Google Meet", "platform: " + new string('[', levels) + new string(']', levels))),
        LineOf(Sample, "platform:"),
        "단계보다 깊게");

    /// <summary>A 1,000,000-character anchored <c>place</c> repeated by 2,000 aliases as 주요내용 bullets: 2 GB once expanded.</summary>
    public static Case AliasBomb()
    {
        const string Bullet = "      - \"1차 제출안 대비 주요 수정사항\"";
        var text = Replace(Sample, "place: 구청 내", "place: &place " + new string('x', 1_000_000) + " 구청 내");
        text = Replace(text, Bullet, string.Join("\n", Enumerable.Repeat("      - *place", 2000)));

        // The anchored value and the first alias fit in twice the file limit; the second does not.
        return new("alias-bomb", Bytes(text), LineOf(Sample, Bullet) + 1, "별칭");
    }

    /// <summary>"구청" in <c>place</c> saved as EUC-KR (B1 B8 C3 BB), as an old Korean editor would, after a UTF-8 BOM.</summary>
    public static Case InvalidUtf8()
    {
        var utf8 = Bytes(Sample);
        var at = IndexOf(utf8, Bytes("place: ")) + "place: ".Length;
        byte[] eucKr = [0xB1, 0xB8, 0xC3, 0xBB];
        byte[] bom = [0xEF, 0xBB, 0xBF];
        var bytes = bom.Concat(utf8[..at]).Concat(eucKr).Concat(utf8[(at + Bytes("구청").Length)..]).ToArray();
        return new("invalid-utf8", bytes, LineOf(Sample, "place:"), "UTF-8");
    }

    public static Case UnknownTag() => new(
        "unknown-tag",
        Bytes(Replace(Sample, "platform: Google Meet", "platform: !evil Google Meet")),
        LineOf(Sample, "platform:"),
        "태그 '!evil'");

    /// <summary>The sample followed by comment lines until it is one byte over the limit; the error names the line of that byte.</summary>
    public static Case Oversized()
    {
        var text = new StringBuilder(Sample);
        var comment = "# " + new string('주', 30) + "\n";
        for (var size = Encoding.UTF8.GetByteCount(Sample); size <= MaxFileBytes; size += Encoding.UTF8.GetByteCount(comment))
        {
            text.Append(comment);
        }

        var bytes = Bytes(text.ToString());
        return new("over-1-mib", bytes, 1 + bytes.AsSpan(0, MaxFileBytes).Count((byte)'\n'), "너무 큽니다");
    }

    /// <summary>
    /// <paramref name="count"/> variants of the three sample meeting files, the same for the same <paramref name="seed"/>:
    /// one to three edits each of the kinds that break YAML (brackets, quotes, indentation, anchors and aliases, tags,
    /// documents, stray or invalid bytes, deep nesting, cut-off and repeated lines).
    /// </summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Mutations(int seed, int count)
    {
        var random = new Random(seed);
        var samples = Directory.GetFiles(SampleFolder, "*.meeting.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        for (var i = 0; i < count; i++)
        {
            var bytes = samples[random.Next(samples.Length)].ToList();
            var edits = new List<string>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                edits.Add(Mutate(bytes, random));
            }

            yield return ($"mutation-{seed}-{i}({string.Join(", ", edits)})", bytes.ToArray());
        }
    }

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ": ", ":", "- ", "-", "? ", "#", "|", ">", "'", "\"", "\t", "\n", "\r", " ", "  ",
        "&a ", "*a", "&a [1, 2] ", "*b", "<<: *a\n", "!evil ", "!!str ", "! ", "!!binary ", "%YAML 1.1\n", "---\n", "...\n",
        "가", "\u00A0", "\uFEFF", "\\", "@", "`", "%", "null", "~", "true", "00:00", "2020-13-45T99:99:99+09:00",
    ];

    private static readonly byte[][] RawBytes = [[0x00], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0x1B], [0x7F]];

    /// <summary>
    /// One edit at a character boundary (so it is the edit, not a split Hangul syllable, that the reader meets); raw
    /// bytes are inserted and overwritten on purpose by two of the kinds.
    /// </summary>
    private static string Mutate(List<byte> bytes, Random random)
    {
        var at = Boundary(bytes, random.Next(bytes.Count + 1));
        switch (random.Next(9))
        {
            case 0:
                var until = Boundary(bytes, Math.Min(bytes.Count, at + random.Next(1, 20)));
                bytes.RemoveRange(at, until - at);
                return $"delete {until - at}@{at}";
            case 1:
                var fragment = Fragments[random.Next(Fragments.Length)];
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(fragment));
                return $"insert {Printable(fragment)}@{at}";
            case 2:
                var raw = RawBytes[random.Next(RawBytes.Length)];
                bytes.InsertRange(at, raw);
                return $"bytes {Convert.ToHexString(raw)}@{at}";
            case 3:
                if (bytes.Count > 0)
                {
                    var position = Math.Min(at, bytes.Count - 1);
                    bytes[position] = (byte)random.Next(256);
                }

                return $"byte@{at}";
            case 4:
                bytes.RemoveRange(at, bytes.Count - at);
                return $"cut@{at}";
            case 5:
                var (start, end) = LineAround(bytes, at);
                bytes.InsertRange(end, bytes.GetRange(start, end - start));
                return $"repeat line@{at}";
            case 6:
                var lineStart = LineAround(bytes, at).Start;
                var shift = random.Next(1, 5);
                if (random.Next(2) == 0)
                {
                    bytes.InsertRange(lineStart, Enumerable.Repeat((byte)' ', shift));
                    return $"indent +{shift}@{at}";
                }

                var spaces = bytes.Skip(lineStart).Take(shift).TakeWhile(b => b == ' ').Count();
                bytes.RemoveRange(lineStart, spaces);
                return $"indent -{spaces}@{at}";
            case 7:
                var depth = random.Next(2) == 0 ? random.Next(20, 40) : random.Next(1_000, 50_000);
                var closed = random.Next(2) == 0;
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('[', depth) + (closed ? new string(']', depth) : "")));
                return $"nest {depth}{(closed ? "" : " unclosed")}@{at}";
            default:
                var value = "[" + string.Join(", ", Enumerable.Repeat("\"" + new string('x', random.Next(1, 5_000)) + "\"", random.Next(1, 50))) + "]";
                var aliases = string.Join(", ", Enumerable.Repeat("*bomb", random.Next(1, 3_000)));
                var line = LineAround(bytes, at).Start;
                bytes.InsertRange(line, Encoding.UTF8.GetBytes($"anchor: &bomb {value}\nbomb: [{aliases}]\n"));
                return $"aliases@{line}";
        }
    }

    /// <summary><paramref name="at"/> moved back to the start of the UTF-8 character it falls in.</summary>
    private static int Boundary(List<byte> bytes, int at)
    {
        while (at > 0 && at < bytes.Count && (bytes[at] & 0xC0) == 0x80)
        {
            at--;
        }

        return at;
    }

    private static (int Start, int End) LineAround(List<byte> bytes, int at)
    {
        var start = at > 0 ? bytes.LastIndexOf((byte)'\n', Math.Min(at, bytes.Count) - 1) + 1 : 0;
        var newline = start < bytes.Count ? bytes.IndexOf((byte)'\n', start) : -1;
        return (start, newline < 0 ? bytes.Count : newline + 1);
    }

    private static string Printable(string fragment) =>
        fragment.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Replace(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"'{find}' must occur exactly once in the sample");
        }

        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }

    /// <summary>The 1-based line of the first line starting with (after indentation) or equal to <paramref name="start"/>.</summary>
    private static int LineOf(string text, string start)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal));
        return index >= 0 ? index + 1 : throw new InvalidOperationException($"no line starts with '{start}' in the sample");
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    /// <summary>One broken file: its bytes, the line its error names and words its Korean message contains.</summary>
    public sealed record Case(string Name, byte[] Bytes, int Line, string Says)
    {
        public override string ToString() => Name;
    }
}
