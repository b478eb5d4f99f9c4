using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MeetingBot.Reports.Docx;

/// <summary>
/// Turns report text into runs: characters XML forbids are replaced and counted (for the writer's return value),
/// tabs and line breaks become <c>w:tab</c>/<c>w:br</c> because Word ignores them as raw characters.
/// </summary>
internal sealed class DocxText
{
    public int Replaced { get; private set; }

    public string Clean(string text)
    {
        var clean = XmlText.Clean(text, out var replaced);
        Replaced += replaced;
        return clean;
    }

    public Run Run(string text)
    {
        var clean = Clean(text);
        var run = new Run();
        var start = 0;
        for (var i = 0; i < clean.Length; i++)
        {
            var c = clean[i];
            if (c is not ('\t' or '\n' or '\r'))
            {
                continue;
            }

            AppendText(run, clean, start, i);
            if (c == '\t')
            {
                run.Append(new TabChar());
            }
            else if (c == '\n' || i + 1 >= clean.Length || clean[i + 1] != '\n')
            {
                // "\r\n" is one break: the '\r' yields to the '\n' that follows it.
                run.Append(new Break());
            }

            start = i + 1;
        }

        AppendText(run, clean, start, clean.Length);
        return run;
    }

    /// <summary>
    /// Estimated advance of <paramref name="text"/> in ems of a Korean font, for indents that cannot be measured.
    /// Hangul, CJK, the middle dot and every symbol from U+2000 on (□ ❍ ▸ ※ and emoji) count as square: Korean
    /// fonts draw most of them full width, and an estimate too wide only widens a gap where one too narrow would
    /// push the text to the next tab stop.
    /// </summary>
    public static double EmWidth(string text)
    {
        var width = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += rune.Value switch
            {
                ' ' or '.' or ',' => 0.3,
                0xB7 or (>= 0x1100 and <= 0x11FF) or >= 0x2000 => 1,
                _ => 0.55,
            };
        }

        return width;
    }

    private static void AppendText(Run run, string text, int start, int end)
    {
        if (end <= start)
        {
            return;
        }

        var segment = text[start..end];
        var element = new Text(segment);
        if (char.IsWhiteSpace(segment[0]) || char.IsWhiteSpace(segment[^1]) || segment.Contains("  ", StringComparison.Ordinal))
        {
            element.Space = SpaceProcessingModeValues.Preserve;
        }

        run.Append(element);
    }
}
