using System.Globalization;
using MeetingBot.Core;

namespace MeetingBot.Host.Api;

/// <summary>Every string the staff page and the staff API show, in one place.</summary>
public static class StaffPageText
{
    public const string AppName = "MeetingBot 직원 화면";
    public const string LoginTitle = "직원 로그인";
    public const string LoginHelp = "회의 결과 보고 초안을 검토하고 내려받는 직원용 화면입니다. 관리자에게 받은 직원 키(Staff:ApiKey)를 입력해 주세요.";
    public const string LoginKeyLabel = "직원 키";
    public const string LoginButton = "들어가기";
    public const string LoginWrongKey = "직원 키가 올바르지 않습니다. 다시 입력해 주세요.";
    public const string LoginClosed = "직원 키(Staff:ApiKey)가 설정되지 않아 직원 화면을 열 수 없습니다. 관리자에게 문의해 주세요.";
    public const string Logout = "로그아웃";

    public const string ApiUnauthorizedTitle = "인증이 필요합니다.";
    public const string ApiUnauthorized = "Authorization: Bearer <Staff:ApiKey> 헤더가 필요합니다.";
    public const string ApiThrottledTitle = "직원 키를 너무 여러 번 틀렸습니다.";

    public const string BackToStaff = "← 직원 화면으로";
    public const string ForeignOriginTitle = "다른 곳에서 보낸 요청입니다";
    public const string NoOrigin = "(없음)";
    public const string FormMalformedTitle = "요청을 읽을 수 없습니다";
    public const string FormMalformed = "보낸 양식의 형식이 올바르지 않습니다. 직원 화면을 새로 고친 뒤 다시 시도해 주세요.";
    public const string FormTooLargeTitle = "요청이 너무 큽니다";
    public const string FormExpiredTitle = "양식이 만료되었습니다";
    public const string FormExpired =
        "양식의 보안 토큰이 없거나 만료되었습니다(서버가 다시 시작되었거나 다른 창에서 로그아웃한 경우). 직원 화면을 새로 고친 뒤 다시 시도해 주세요.";

    public static string ForeignOrigin(string? origin) => origin is null
        ? "요청에 보낸 곳(Origin·Referer 헤더)이 없어 받지 않았습니다. 직원 화면에서 다시 시도해 주세요."
        : $"이 요청은 직원 화면이 아닌 곳({origin})에서 보내져 받지 않았습니다. 직원 화면에서 직접 다시 시도해 주세요.";

    public static string FormTooLarge(int maxBytes) =>
        $"보낸 양식이 {(maxBytes / 1024).ToString(CultureInfo.InvariantCulture)} KB를 넘어 받지 않았습니다. 직원 화면에서 다시 시도해 주세요.";

    /// <summary>For the login form and the API alike: how long until this client's keys are looked at again.</summary>
    public static string LoginThrottled(TimeSpan wait) =>
        $"직원 키를 너무 여러 번 틀려 이 컴퓨터의 로그인을 잠시 막았습니다. {Wait(wait)} 뒤에 다시 시도해 주세요.";

    private static string Wait(TimeSpan wait) => wait < TimeSpan.FromMinutes(1)
        ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "초"
        : ((int)Math.Ceiling(wait.TotalMinutes)).ToString(CultureInfo.InvariantCulture) + "분";

    public const string MeetingsTitle = "회의 목록";
    public const string MeetingsEmpty = "등록된 회의가 없습니다. Meetings:Folder 의 회의 파일(*.meeting.yaml)을 확인해 주세요.";
    public const string ColumnWhen = "일시";
    public const string ColumnSubcommittee = "분과";
    public const string ColumnTitle = "회의";
    public const string ColumnStatus = "상태";
    public const string ColumnEntries = "기록 항목";
    public const string ColumnDelivery = "보고서 전달";

    public const string BackToList = "← 회의 목록";
    public const string Downloads = "내려받기";
    public const string DeliverySection = "보고서 전달";
    public const string DeliveryNone = "회의가 종료되면 보고서 파일을 저장하고 직원 대화방에 알립니다.";
    public const string DeliveryFolder = "저장 위치";
    public const string DeliveryReplaced = "문서에 쓸 수 없어 바꾼 문자";
    public const string DeliveryAttempts = "시도 기록";
    public const string DeliverySucceeded = "성공";
    public const string Redeliver = "다시 보내기";
    public const string Redelivering = "전달을 다시 요청했습니다. 잠시 뒤 새로 고쳐 주세요.";

    public const string EntriesSection = "기록된 항목과 출처";
    public const string EntriesEmpty = "기록된 항목이 없습니다.";
    public const string EntryNumber = "번호";
    public const string EntryKind = "종류";
    public const string EntryItem = "안건";
    public const string EntryAuthor = "작성자";
    public const string EntryText = "원문";
    public const string EntrySource = "출처 메시지";
    public const string EntryMarks = "표시";
    public const string EntryWithdrawn = "철회됨";

    public const string DraftingSection = "안건별 초안 작성 내역";
    public const string DraftingEmpty = "초안으로 옮긴 의견이나 결정이 없습니다.";
    public const string Drafter = "작성 방식";
    public const string GuardNotes = "검사 메모";
    public const string DraftText = "보고서 문장";
    public const string DraftOriginals = "원문";
    public const string DraftSources = "출처 (항목 번호)";
    public const string Decision = "회의결과";

    public const string NotFoundTitle = "회의를 찾을 수 없습니다";

    public const string OriginUnreadable =
        "저장된 보고서 파일(report.json)을 읽지 못해, 지금 기록으로 만든 규칙 기반 미리보기를 보여 줍니다. 전달된 보고서와 다를 수 있습니다. 보고서 저장 위치를 확인해 주세요.";

    public static string OriginDelivered(string? writtenAt) => writtenAt is null
        ? "전달된 보고서입니다. 화면과 내려받는 파일 모두 저장된 보고서 그대로입니다."
        : $"전달된 보고서입니다({writtenAt} 저장). 화면과 내려받는 파일 모두 저장된 보고서 그대로입니다.";

    public static string OriginPreview(string drafter) => drafter == "rules"
        ? "전달 전 미리보기: 지금까지의 기록으로 규칙 기반 초안을 만들어 보여 줍니다. 회의가 끝나면 보고서를 저장해 전달하고, 그 뒤로는 저장된 보고서를 보여 줍니다."
        : $"전달 전 미리보기: 지금까지의 기록으로 규칙 기반 초안을 만들어 보여 줍니다. 회의가 끝나면 {Drafters(drafter)}로 쓴 보고서를 저장해 전달하고, 그 뒤로는 저장된 보고서를 보여 줍니다.";

    public static string NotFound(string id) => $"회의 ID '{id}'가 없습니다.";

    public static string Edited(string at) => $"수정됨 {at}";

    public static string EntriesCount(int count) => count.ToString(CultureInfo.InvariantCulture) + "건";

    public static string Attempt(int number) => number.ToString(CultureInfo.InvariantCulture) + "회";

    public static string ReplacedCount(int count) => count.ToString(CultureInfo.InvariantCulture) + "자";

    public static string Status(MeetingStatus status) => status switch
    {
        MeetingStatus.NotStarted => "예정",
        MeetingStatus.Running => "진행 중",
        MeetingStatus.Paused => "일시정지",
        MeetingStatus.Ended => "종료",
        _ => status.ToString(),
    };

    public static string Delivery(DeliveryRecord? delivery) => delivery?.Status switch
    {
        null => "—",
        DeliveryStatus.Pending => "준비 중",
        DeliveryStatus.Written => delivery.Note is null ? "파일 저장됨 · 알림 대기" : "파일 저장됨 · 알림 없음",
        DeliveryStatus.Notified => "전달 완료",
        DeliveryStatus.Failed => $"전달 실패 ({delivery.Attempts}회 시도)",
        _ => delivery.Status.ToString(),
    };

    public static string Drafters(string drafter) => drafter switch
    {
        "rules" => "규칙 기반 개조식 변환 (rules)",
        "azure-openai" => "Azure OpenAI (검사 후 반영)",
        _ => drafter,
    };
}
