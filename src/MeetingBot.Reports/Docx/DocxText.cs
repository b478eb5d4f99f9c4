using System.Text;
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
    /// Estimated advance of <paramref name="text"/> in ems of a Korean font, for indents that cannot be measured:
    /// Hangul, CJK and the symbols of the Korean character set (□ ❍ ▸ ※) are square, Latin about half, a space less.
    /// </summary>
    public static double EmWidth(string text)
    {
        var width = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += EmWidth(rune);
        }

        return width;
    }

    private static double EmWidth(Rune rune) => rune.Value switch
    {
        ' ' => 0.3,
        >= 0x1100 and <= 0x11FF => 1,
        >= 0x2190 and <= 0x2BFF => 1,
        >= 0x2E80 and <= 0xA4CF => 1,
        >= 0xAC00 and <= 0xD7A3 => 1,
        >= 0xF900 and <= 0xFAFF => 1,
        >= 0xFF00 and <= 0xFF60 => 1,
        >= 0xFFE0 and <= 0xFFE6 => 1,
        >= 0x1F000 => 1,
        _ => 0.55,
    };

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
