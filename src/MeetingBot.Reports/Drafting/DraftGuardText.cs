using System.Globalization;
using MeetingBot.Core;
using MeetingBot.Core.Engine;

namespace MeetingBot.Reports.Drafting;

/// <summary>What a guard or a fallback changed in an item, as report.json and the staff page show it.</summary>
internal static class DraftGuardText
{
    public const string BudgetSpent = "보고서 초안 작성 시간 예산을 넘어 규칙 기반으로 작성함";

    public static string DrafterFailed(string error) => $"초안 작성기 오류({error})로 규칙 기반으로 작성함";

    public static string Missing(IEnumerable<string> ids) => $"{Ids(ids)}: 모델이 빠뜨려 규칙 기반 문장으로 넣음";

    public static string NoSource(int count) => $"출처가 없는 모델 문장 {count}개를 버림";

    public static string UnknownSource(int count) => $"없는 출처를 인용한 모델 문장 {count}개를 버림";

    public static string Empty(int count) => $"내용이 없는 모델 문장 {count}개를 버림";

    public static string Duplicate(IEnumerable<string> ids) => $"{Ids(ids)}: 여러 문장에 인용되어 앞 문장에만 남김";

    public static string LowOverlap(IEnumerable<string> ids, double overlap, double minimum) =>
        string.Create(CultureInfo.InvariantCulture, $"{Ids(ids)}: 원문과 겹치는 표현이 적어({overlap:F2} < {minimum:F2}) 규칙 기반 문장으로 바꿈");

    public static string KindRestored(IEnumerable<string> ids, EntryKind kind) =>
        $"{Ids(ids)}: 모델이 종류를 바꿔 적어 작성자가 남긴 종류({EntryKinds.Korean(kind)})로 되돌림";

    public static string MixedKinds(IEnumerable<string> ids, IEnumerable<EntryKind> kinds) =>
        $"{Ids(ids)}: 종류가 다른 발언({string.Join("·", kinds.Select(EntryKinds.Korean))})을 한 문장으로 합쳐 규칙 기반 문장으로 바꿈";

    public static string Formalized(IEnumerable<string> ids) => $"{Ids(ids)}: 공손한 어미를 개조식으로 고침";

    public static string NotFormal(IEnumerable<string> ids) => $"{Ids(ids)}: 개조식으로 고칠 수 없어 규칙 기반 문장으로 바꿈";

    private static string Ids(IEnumerable<string> ids) => string.Join(", ", ids);
}
