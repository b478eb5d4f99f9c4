namespace MeetingBot.Reports.Review;

/// <summary>What the review of a report says to staff, in one place (Korean).</summary>
public static class ReviewText
{
    public const string TextField = "문장(text)";
    public const string CaptionField = "사진 설명(caption)";
    public const string OnBehalfOfField = "발언한 위원(onBehalfOf)";
    public const string NothingToChange = "바꿀 내용이 없습니다. text, item, excluded, position 중 하나 이상을 보내세요.";
    public const string NothingToMerge = "합칠 항목이 없습니다. ids 에 합칠 항목 ID를 하나 이상 보내세요.";
    public const string NotAPicture = "사진은 JPEG나 PNG여야 합니다.";

    public static string NoBullet(string id) => $"항목 '{id}'이(가) 이 보고서에 없습니다.";

    public static string NoPhoto(string id) => $"사진 '{id}'이(가) 이 보고서에 없습니다.";

    public static string NoItem(ItemRef item) => $"안건 '{item}'이(가) 이 보고서에 없습니다. item 은 \"회의ID:안건번호\"입니다.";

    public static string NotInReport(string meetingId) => $"회의 '{meetingId}'은(는) 이 보고서에 들어 있지 않습니다.";

    public static string OtherMeeting(string id, ItemRef item) =>
        $"항목 '{id}'은(는) 다른 회의에서 나온 것이라 안건 '{item}'(으)로 옮기거나 합칠 수 없습니다. 같은 회의의 안건만 됩니다.";

    public static string BadPosition(int position, int count) => $"위치(position) {position}은(는) 0부터 {count} 사이여야 합니다.";

    public static string MergedAway(string id, string into) => $"항목 '{id}'은(는) 이미 '{into}'에 합쳐졌습니다. '{into}'을(를) 고치세요.";

    public static string IsExcluded(string id) => $"항목 '{id}'은(는) 제외되어 있습니다. 먼저 되살리세요(excluded: false).";

    public static string AlreadyExcluded(string id) => $"항목 '{id}'은(는) 이미 제외되어 있습니다.";

    public static string NotExcluded(string id) => $"항목 '{id}'은(는) 제외되어 있지 않습니다.";

    public static string MergeWithItself(string id) => $"항목 '{id}'을(를) 자기 자신과 합칠 수 없습니다.";

    public static string MixedKinds(string id, string other) =>
        $"항목 '{id}'와(과) '{other}'은(는) 종류(의견·질문·제안·결정)가 달라 합칠 수 없습니다. 한 항목은 한 종류입니다.";

    public static string NotAParticipant(string name, string subcommittee) =>
        $"'{name}'은(는) {subcommittee}분과 회의의 참석자가 아닙니다. 참석자 명단의 이름을 그대로 쓰세요.";

    public static string Required(string field) => $"{field}이(가) 비어 있습니다.";

    public static string TooLong(string field, int max) => $"{field}이(가) 너무 깁니다({max}자까지).";

    public static string AlreadyApproved(int version) => $"이미 승인된 {version}판에서 바뀐 것이 없습니다.";

    public static string CandidateAccepted(string id, string bullet) => $"발언 후보 '{id}'은(는) 이미 채택되어 항목 '{bullet}'이(가) 되었습니다. 빼려면 그 항목을 제외하세요.";

    public static string CandidateIgnored(string id) => $"발언 후보 '{id}'은(는) 이미 무시했습니다. 넣으려면 채택하세요.";

    public static string CandidateNotARemark(string id) => $"발언 후보 '{id}'은(는) 의견·질문·제안으로만, 발언 기록(cue)을 출처로 채택할 수 있습니다.";

    public static string NoCandidate(string id) => $"발언 후보 '{id}'이(가) 이 보고서의 회의 발언 기록에 없습니다. 후보 목록(GET …/candidates)을 다시 읽으세요.";

    public static string SourceLost(string source) => $"출처 '{source}'의 기록이 어느 항목에도 없습니다.";

    public static string SourceTwice(string source, IEnumerable<string> bullets) => $"출처 '{source}'이(가) 여러 항목({string.Join(", ", bullets)})에 있습니다.";

    public static string SourceUnknown(string source) => $"출처 '{source}'은(는) 기록된 적이 없습니다.";

    public static string NoSources(string id) => $"항목 '{id}'에 출처가 없습니다.";

    public static string GuardsBroken(IEnumerable<string> problems) =>
        $"이 변경은 보고서의 안전장치(모든 기록이 출처와 함께 정확히 한 번)를 깨므로 하지 않았습니다: {string.Join(" ", problems)}";
}
