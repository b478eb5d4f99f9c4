using System.Text;

namespace MeetingBot.Reports;

/// <summary>
/// Text as XML allows it. Characters XML 1.0 forbids (control characters other than tab, newline and
/// carriage return, lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD and counted; nothing is written raw.
/// </summary>
public static class XmlText
{
    public const char Replacement = '\uFFFD';

    public static string Clean(string text, out int replaced)
    {
        replaced = 0;
        if (IsClean(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (IsAllowed(c))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(Replacement);
                replaced++;
            }
        }

        return sb.ToString();
    }

    public static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllowed(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
}
