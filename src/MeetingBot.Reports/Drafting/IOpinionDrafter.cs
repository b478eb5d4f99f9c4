using MeetingBot.Core;

namespace MeetingBot.Reports.Drafting;

/// <summary>One captured entry handed to a drafter: data, never instructions.</summary>
public sealed record DraftSource(string Id, EntryKind Kind, string Text, string Author);

/// <summary>One agenda item's opinions, questions and proposals to turn into 개조식 ▸ bullets.</summary>
public sealed record DraftRequest(
    string MeetingId,
    int ItemIndex,
    string ItemTitle,
    IReadOnlyList<string> Content,
    IReadOnlyList<DraftSource> Sources);

/// <summary>Tokens a language model spent on one item (prompt and completion); zero for the rules.</summary>
public sealed record DraftUsage(long PromptTokens, long CompletionTokens)
{
    public static readonly DraftUsage None = new(0, 0);

    public static DraftUsage operator +(DraftUsage left, DraftUsage right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.PromptTokens + right.PromptTokens, left.CompletionTokens + right.CompletionTokens);
    }
}

/// <summary>The bullets of one item, which drafter wrote them, what the guards changed and the tokens it cost.</summary>
public sealed record DraftResult(IReadOnlyList<ReportOpinion> Opinions, string Drafter, IReadOnlyList<string> GuardNotes, DraftUsage? Usage = null);

/// <summary>
/// How a report may use a drafter: how many items it drafts at once, and how long the whole report may spend
/// drafting before the remaining items are written by the rules.
/// </summary>
public sealed record DraftingLimits(int MaxConcurrency, TimeSpan? ReportBudget)
{
    public static readonly DraftingLimits Sequential = new(1, null);
}

/// <summary>
/// The drafting port: the rule-based formalizer (always available) or a language model behind guards.
/// Every source must come back in exactly one bullet.
/// </summary>
public interface IOpinionDrafter
{
    string Name { get; }

    DraftingLimits Limits => DraftingLimits.Sequential;

    Task<DraftResult> DraftAsync(DraftRequest request, CancellationToken cancellationToken = default);
}
