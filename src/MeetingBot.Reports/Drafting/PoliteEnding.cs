namespace MeetingBot.Reports.Drafting;

/// <summary>Whether a text ends like spoken, polite Korean (~요, ~니다, ~니까, ~죠) rather than 개조식.</summary>
public static class PoliteEnding
{
    // Sino-Korean words that end in 요 without being polite; "…필요." is a correct 개조식 ending.
    private static readonly string[] NounsEndingInYo = ["필요", "중요", "수요", "주요", "개요", "소요", "강요", "동요", "긴요"];

    public static bool IsPolite(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = text.Length;
        while (end > 0 && !IsWordCharacter(text[end - 1]))
        {
            end--;
        }

        var core = text[..end];
        if (core.EndsWith("니다", StringComparison.Ordinal)
            || core.EndsWith("니까", StringComparison.Ordinal)
            || core.EndsWith("십시오", StringComparison.Ordinal)
            || core.EndsWith('죠'))
        {
            return true;
        }

        if (!core.EndsWith('요'))
        {
            return false;
        }

        foreach (var noun in NounsEndingInYo)
        {
            if (core.EndsWith(noun, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Laughter and crying written in bare jamo (ㅎㅎ, ㅠㅠ) is decoration, not the sentence's ending.
    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) && c is not (>= '\u3131' and <= '\u318E');
}
