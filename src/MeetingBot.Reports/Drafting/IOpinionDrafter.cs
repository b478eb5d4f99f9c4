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

/// <summary>The bullets of one item, which drafter wrote them and what the guards changed.</summary>
public sealed record DraftResult(IReadOnlyList<ReportOpinion> Opinions, string Drafter, IReadOnlyList<string> GuardNotes);

/// <summary>
/// The drafting port: the rule-based formalizer (always available) or a language model behind guards.
/// Every source must come back in exactly one bullet.
/// </summary>
public interface IOpinionDrafter
{
    string Name { get; }

    Task<DraftResult> DraftAsync(DraftRequest request, CancellationToken cancellationToken = default);
}
