namespace MeetingBot.Reports.Drafting;

/// <summary>
/// The drafter that is always available: one 개조식 bullet per source, in source order, each written by
/// <see cref="KoreanFormalizer"/> from that source alone, so nothing is merged, dropped or invented.
/// </summary>
public sealed class RuleDrafter : IOpinionDrafter
{
    public const string DrafterName = "rules";

    public string Name => DrafterName;

    public Task<DraftResult> DraftAsync(DraftRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var opinions = request.Sources.Select(Bullet).ToList();
        return Task.FromResult(new DraftResult(opinions, DrafterName, []));
    }

    /// <summary>The rules' bullet for one source: also what a guard puts back when a model's bullet cannot be used.</summary>
    public static ReportOpinion Bullet(DraftSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ReportOpinion
        {
            Text = KoreanFormalizer.Formalize(source.Text, source.Kind),
            Kind = source.Kind,
            Sources = [source.Id],
            Originals = [source.Text],
            Authors = [source.Author],
        };
    }
}
