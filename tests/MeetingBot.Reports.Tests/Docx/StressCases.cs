using System.Text;

namespace MeetingBot.Reports.Tests.Docx;

/// <summary>Documents at the edges of what a meeting can produce, each by name so a theory can list them.</summary>
internal static class StressCases
{
    public static readonly string[] Names =
        ["100-headings", "2000-bullets", "long-paragraph", "xml-special", "control-characters", "emoji", "empty-cells"];

    public static ReportDocument Create(string name) => name switch
    {
        "100-headings" => new("헤딩 100개",
            [.. Enumerable.Range(1, 100).Select(i => new HeadingBlock(Roman(i), $"{i}번째 안건"))]),
        "2000-bullets" => new("의견 2,000개",
            [.. Enumerable.Range(1, 2000).Select(i => new ParagraphBlock(i % 4, "▸", $"{i}번째 의견으로 협치 사업의 홍보 방안을 마련하면 좋겠음."))]),
        "long-paragraph" => new("긴 문단", [new ParagraphBlock(2, "▸", LongText(8000))]),
        "xml-special" => new("<&>\"'",
        [
            new HeadingBlock("Ⅰ", "<script>&amp;</script>"),
            new ParagraphBlock(1, "<", "a < b && c > d \"q\" 'r' ]]> <!-- -->"),
            new TableBlock([new TableRow([new TableCell("<&>", Header: true), new TableCell("\"'")])], [1, 1]),
        ]),
        "control-characters" => new("제어\u0001문자",
        [
            new HeadingBlock("Ⅰ\u000B", "제어\u0000문자"),
            new ParagraphBlock(0, "\u0001", "앞\u0001뒤\u000B끝\u001F\uFFFF\uD800"),
            new TableBlock([new TableRow([new TableCell("\u0002칸\u000C")])], [1]),
        ]),
        "emoji" => new("이모지 🙂",
        [
            new HeadingBlock("Ⅰ", "🎉 회의 결과"),
            new ParagraphBlock(1, "👍", "좋은 의견 👏🏽 👨‍👩‍👧 🇰🇷"),
            new TableBlock([new TableRow([new TableCell("😀"), new TableCell("🙂\n🙃")])], [1, 2]),
        ]),
        "empty-cells" => new("",
        [
            new HeadingBlock("", ""),
            new ParagraphBlock(0, null, ""),
            new ParagraphBlock(0, "", ""),
            new TableBlock(
            [
                new TableRow([new TableCell("", Header: true), new TableCell("", ColSpan: 2, Header: true)]),
                new TableRow([new TableCell("", RowSpan: 3), new TableCell("\n\n"), new TableCell("")]),
                new TableRow([]),
                new TableRow([new TableCell("", ColSpan: 5)]),
            ],
            [1, 1, 1]),
            new TableBlock([], [1, 2]),
            new TableBlock([new TableRow([new TableCell("")])], [0]),
            new TableBlock([new TableRow([new TableCell("붙은 표")])], [1]),
        ]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static string Roman(int number)
    {
        var numerals = new[] { (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I") };
        var sb = new StringBuilder();
        foreach (var (value, symbol) in numerals)
        {
            while (number >= value)
            {
                sb.Append(symbol);
                number -= value;
            }
        }

        return sb.ToString();
    }

    private static string LongText(int length)
    {
        const string sentence = "코로나19 상황에서 가까운 사람들끼리라도 협치가 될 수 있도록 도보권 내 협치를 형성하면 좋겠다는 의견. ";
        var sb = new StringBuilder(length + sentence.Length);
        while (sb.Length < length)
        {
            sb.Append(sentence);
        }

        return sb.ToString(0, length);
    }
}
