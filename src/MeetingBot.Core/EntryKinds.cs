namespace MeetingBot.Core;

/// <summary>
/// The names of the entry kinds, once: the Korean word the bot, the report and the staff page print (and the chat
/// tag <c>#의견</c>), and the English name that is the English tag (<c>#opinion</c>), the <c>kind</c> in report.json
/// and the kind the drafting model is told.
/// </summary>
public static class EntryKinds
{
    private static readonly (EntryKind Kind, string Korean, string English)[] Names =
    [
        (EntryKind.Opinion, "의견", "opinion"),
        (EntryKind.Question, "질문", "question"),
        (EntryKind.Proposal, "제안", "proposal"),
        (EntryKind.Decision, "결정", "decision"),
    ];

    /// <summary><c>의견</c>, <c>질문</c>, <c>제안</c>, <c>결정</c>.</summary>
    public static string Korean(EntryKind kind) => Find(kind)?.Korean ?? kind.ToString();

    /// <summary><c>opinion</c>, <c>question</c>, <c>proposal</c>, <c>decision</c>.</summary>
    public static string English(EntryKind kind) => Find(kind)?.English ?? kind.ToString();

    /// <summary>A kind from its Korean or English name, ignoring case (<c>의견</c>, <c>Opinion</c>).</summary>
    public static bool TryParse(string? name, out EntryKind kind)
    {
        foreach (var n in Names)
        {
            if (string.Equals(name, n.Korean, StringComparison.Ordinal) || string.Equals(name, n.English, StringComparison.OrdinalIgnoreCase))
            {
                kind = n.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Null for a value outside the enum (a number in a hand-edited report.json), which is printed as it is.</summary>
    private static (EntryKind Kind, string Korean, string English)? Find(EntryKind kind)
    {
        foreach (var n in Names)
        {
            if (n.Kind == kind)
            {
                return n;
            }
        }

        return null;
    }
}
