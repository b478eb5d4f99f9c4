using System.Globalization;
using MeetingBot.Reports;
using MeetingBot.Reports.Drafting;

namespace MeetingBot.Host.Cli;

/// <summary>What <c>simulate</c> and <c>eval-drafting</c> say about drafting.</summary>
internal static class DraftingCliText
{
    /// <summary>One line: who drafted, how many items fell back to the rules, what the guards did and the tokens spent.</summary>
    public static string Summary(Report report, ReportUsage usage)
    {
        var drafted = report.Items.Where(i => i.Opinions.Count > 0).ToList();
        var byRules = drafted.Count(i => i.Drafter == RuleDrafter.DrafterName);
        var notes = drafted.Sum(i => i.GuardNotes.Count);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"초안 작성: {usage.Provider} — 안건 {drafted.Count}개 중 규칙 기반 대체 {byRules}개, 가드 조치 {notes}건, 토큰 입력 {usage.PromptTokens:N0} / 출력 {usage.CompletionTokens:N0} (자세한 내용은 report.json의 drafter, guardNotes)");
    }

    public const string EvalHeader = "| 작성기 | 참조 항목 수 | 초안 항목 수 | coverage | F1 | style |\n|---|---:|---:|---:|---:|---:|";

    public const string Baseline = "기준선(원문, 합니다→함)";

    public static string Row(string drafter, DraftScore score) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {drafter} | {score.ReferenceBullets} | {score.DraftBullets} | {score.Coverage:F3} | {score.MeanBestF1:F3} | {score.Style:F2} |");

    public static string Legend(double threshold) => string.Create(
        CultureInfo.InvariantCulture,
        $"coverage: 참조 ▸ 항목 중 어떤 초안과 문자 bigram F1이 {threshold:F1} 이상인 비율 · F1: 참조 항목마다 가장 가까운 초안과의 F1 평균 · style: 개조식으로 끝나는 초안 비율");

    public static string Title(string dir, string reference, int references, int entries) =>
        $"초안 평가: {dir} ↔ {reference} (참조 ▸ 항목 {references}개, 기록된 의견·질문·제안 {entries}건)";

    public static string Skipped(string drafter, IEnumerable<string> problems) =>
        $"{drafter}: 설정되지 않아 건너뜀 — {string.Join(" ", problems)}";

    public static string NoReferenceBullets(string file) => $"참조 보고서에서 ▸ 항목을 찾지 못했습니다: {file}";

    public static string NoReference(string file) => $"참조 보고서 파일을 찾을 수 없습니다: {file}";
}
