using MeetingBot.Core;

namespace MeetingBot.Reports.Drafting;

public static class KoreanFormalizer
{
    public static string Formalize(string text, EntryKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text;
    }
}
