namespace MeetingBot.Reports.Drafting;

/// <summary>
/// Hangul syllable arithmetic (U+AC00 + 588·initial + 28·medial + final). No Korean NLP package is served
/// on NuGet, so the formalizer reads and rewrites endings one syllable at a time.
/// </summary>
internal static class Hangul
{
    private const int First = 0xAC00;
    private const int Last = 0xD7A3;

    // Medial (jung) indices used by the ending rules.
    public const int A = 0, Ae = 1, Eo = 4, Yeo = 6, O = 8, Wa = 9, Wae = 10, Oe = 11, U = 13, Wo = 14, Eu = 18, I = 20;

    // Final (jong) indices used by the ending rules.
    public const int NoFinal = 0, FinalN = 4, FinalL = 8, FinalLm = 10, FinalM = 16, FinalB = 17, FinalSs = 20;

    // Initial (cho) indices used by the ending rules.
    public const int InitialKk = 1, InitialTt = 4, InitialR = 5, InitialPp = 8, InitialSs = 10, InitialNg = 11, InitialK = 15, InitialT = 16, InitialP = 17, InitialH = 18;

    public static bool IsSyllable(char c) => c is >= (char)First and <= (char)Last;

    public static int Initial(char c) => (c - First) / (21 * 28);

    public static int Medial(char c) => (c - First) / 28 % 21;

    /// <summary>The final consonant index, 0 for none, -1 when <paramref name="c"/> is not a Hangul syllable.</summary>
    public static int Final(char c) => IsSyllable(c) ? (c - First) % 28 : -1;

    public static char Compose(int initial, int medial, int final) => (char)(First + (initial * 21 * 28) + (medial * 28) + final);

    public static char WithFinal(char c, int final) => Compose(Initial(c), Medial(c), final);

    public static char WithMedial(char c, int medial) => Compose(Initial(c), medial, Final(c));

    public static bool HasFinal(char c) => Final(c) > NoFinal;

    /// <summary>
    /// Whether a word ends in a consonant when read aloud, for choosing 과/와, 은/는, 이/가. Digits and a
    /// few Latin letters are read the Korean way (일, 삼, 육, 칠, 팔, 영; 엘, 엠, 엔, 알).
    /// </summary>
    public static bool EndsWithConsonantSound(string word)
    {
        if (word.Length == 0)
        {
            return false;
        }

        var c = word[^1];
        if (IsSyllable(c))
        {
            return Final(c) != NoFinal;
        }

        return c switch
        {
            '0' or '1' or '3' or '6' or '7' or '8' => true,
            'l' or 'L' or 'm' or 'M' or 'n' or 'N' or 'r' or 'R' => true,
            _ => false,
        };
    }

    public static bool ContainsHangul(string text)
    {
        foreach (var c in text)
        {
            if (IsSyllable(c))
            {
                return true;
            }
        }

        return false;
    }
}
