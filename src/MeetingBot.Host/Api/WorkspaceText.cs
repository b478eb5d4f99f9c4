using System.Globalization;
using MeetingBot.Core.Transcripts;
using MeetingBot.Reports.Review;

namespace MeetingBot.Host.Api;

/// <summary>Every string the staff workspace shows (Korean), in one place.</summary>
public static class WorkspaceText
{
    public static string PickMeeting(string subcommittee, string title) => $"[{subcommittee}] {title} 고르기";

    public const string ColumnPick = "선택";
    public const string PickHelp = "한 보고서로 묶을 끝난 회의(예: 이달의 세 분과)를 고른 뒤 아래의 \"고른 회의로 보고서 만들기\"를 누르세요.";
    public const string TitleLabel = "보고서 제목 (비워 두면 회의 제목으로)";
    public const string TitleHelp = "예: 영등포구협치회의 분과회의(9월) 개최 결과 보고";
    public const string Combine = "고른 회의로 보고서 만들기";

    public const string ReportsTitle = "검토 중인 보고서";
    public const string ReportsEmpty = "아직 만든 보고서가 없습니다. 아래 회의 목록에서 끝난 회의를 골라 만드세요.";
    public const string ColumnReport = "보고서";
    public const string ColumnMeetings = "회의";
    public const string ColumnState = "상태";
    public const string ColumnUpdated = "마지막으로 고친 때";

    public const string BackToList = "← 회의 목록";
    public const string Steps = "작업 순서";
    public const string StepDocument = "1. 문장 고치기·옮기기";
    public const string StepPhotos = "2. 사진";
    public const string StepChanges = "3. 달라진 점 확인";
    public const string StepApprove = "4. 승인·내려받기";
    public const string StepHistory = "고친 기록";
    public const string SignedInAs = "로그인한 직원";

    public const string Opinions = "주요의견";
    public const string Decisions = "회의결과";
    public const string NoBullets = "이 분과에는 의견이 없습니다.";
    public const string EditSummary = "고치기·옮기기";
    public const string TextLabel = "보고서 문장";
    public const string SaveText = "문장 저장";
    public const string MoveLabel = "다른 안건으로 옮기기";
    public const string Move = "옮기기";
    public const string Up = "▲ 위로";
    public const string Down = "▼ 아래로";
    public const string OrderLabel = "순서";
    public const string MergeLabel = "이 항목에 합칠 항목";
    public const string Merge = "합치기";
    public const string Exclude = "보고서에서 빼기";
    public const string Restore = "되살리기";
    public const string Excluded = "보고서에서 뺀 항목입니다(기록에는 남아 있음).";
    public const string Originals = "원문";
    public const string DraftText = "초안 문장";
    public const string Sources = "출처";
    public const string MergedIn = "합쳐 넣은 항목";

    public const string RemarkSummary = "구두 발언 추가";
    public const string RemarkHelp = "회의 중 말로 한 발언을 그 위원 대신 적습니다. 출처는 staff 번호로, 입력한 직원의 이름과 함께 남습니다.";
    public const string RemarkMember = "발언한 위원";
    public const string RemarkChoose = "— 고르세요 —";
    public const string RemarkKind = "종류";
    public const string RemarkText = "발언 내용 (보고서 문장)";
    public const string RemarkReason = "사유 (예: 회의 중 구두 발언, 채팅에 입력하지 않음)";
    public const string RemarkAdd = "구두 발언 추가";
    public const string Candidates = "발언 후보";
    public const string CandidatesHelp = "회의 중 말로 한 발언을 플랫폼의 발언 기록에서 찾아 이 안건에 맞춘 것입니다. 채택해야 보고서에 들어갑니다(출처는 발언 기록의 cue 번호).";
    public const string Accept = "채택";
    public const string AcceptIgnored = "되살려 채택";
    public const string Ignore = "무시";
    public const string Duplicate = "중복: 같은 위원이 이 안건에서 채팅으로 입력한 의견과 같은 말입니다.";
    public const string SpokenFromCandidate = "발언 후보에서 채택";

    public const string PhotosTitle = "회의 사진";
    public const string NoPhotos = "아직 사진이 없습니다. 아래에서 올리면 Ⅲ 회의 사진에 들어갑니다.";
    public const string PhotoFile = "사진 파일 (JPEG·PNG, 10MB까지)";
    public const string PhotoMeeting = "어느 분과의 사진인가요";
    public const string PhotoCaption = "사진 설명 (비워 두면 \"분과명 + 분과회의\")";
    public const string PhotoUpload = "사진 올리기";
    public const string CaptionLabel = "사진 설명";
    public const string SaveCaption = "설명 저장";
    public const string RemovePhoto = "사진 빼기";
    public const string PhotoPreview = "올리기 전 미리 보기";

    public const string ApproveTitle = "승인과 내려받기";
    public const string Versions = "승인된 판";
    public const string NoVersions = "아직 승인한 판이 없습니다.";
    public const string DraftDownloads = "지금 문장으로 미리 받기 (승인 전 초안)";

    public const string ChangesTitle = "초안과 달라진 점";
    public const string NoChanges = "초안에서 달라진 것이 없습니다.";
    public const string HistoryTitle = "고친 기록";
    public const string NoHistory = "아직 고친 기록이 없습니다.";
    public const string ColumnAt = "언제";
    public const string ColumnWho = "누가";
    public const string ColumnWhat = "한 일";
    public const string ColumnChange = "바뀐 내용 (전 → 후)";

    public const string StaleTitle = "다른 직원이 먼저 고쳤습니다";
    public const string Stale = "다른 직원이 먼저 고쳤습니다 — 새로 고침을 눌러 지금 내용을 본 뒤 다시 고쳐 주세요. 보내신 변경은 저장하지 않았습니다.";
    public const string StaleYourText = "보내려던 문장 (다시 쓸 때 쓰세요)";
    public const string Reload = "새로 고침";
    public const string BackToReport = "← 보고서로 돌아가기";
    public const string NotFoundTitle = "보고서를 찾을 수 없습니다";

    public const string StepTranscripts = "발언 기록·참석";
    public const string TranscriptsTitle = "발언 기록과 참석";
    public const string TranscriptsHelp = "Teams·Google Meet에서 봇이 가져온 발언 기록과 참석 기록입니다. 봇이 가져오지 못한 회의는 파일을 올리면 위의 안건마다 발언 후보가 나타납니다. 참석 기록은 새로 만드는 보고서의 참여자 수에 들어갑니다.";
    public const string NoTranscript = "저장된 발언 기록이 없습니다. 봇이 가져오지 못했다면 아래에서 파일을 올리세요.";
    public const string TranscriptFile = "발언 기록·참석 파일 (WebVTT .vtt, Meet 형식 .transcript.json, 참석 .attendance.json — 파일 하나에 16MB까지, 여러 개 함께 가능)";
    public const string TranscriptUpload = "파일 올리기";

    public static string TranscriptState(string source, TranscriptStatus status, string? nextAttempt, int cues, int attendance)
    {
        var from = source switch
        {
            "graph" => "Teams(Microsoft Graph)",
            "meet" => "Google Meet",
            "upload" => "직원이 올린 파일",
            "import" => "가져오기(import)",
            _ => source,
        };
        var state = status switch
        {
            TranscriptStatus.Collected => "가져옴",
            TranscriptStatus.GaveUp => "가져오지 못함(그만둠)",
            _ => nextAttempt is null ? "가져오는 중" : $"가져오는 중(다음 시도 {nextAttempt})",
        };
        return $"{from}: {state} · 발언 {Number(cues)}건 · 참석 기록 {Number(attendance)}명";
    }

    public static string LastAttempt(string at, string reason) => $"마지막 시도 {at}: {reason}";

    public static string Attendance(int present, IEnumerable<string> absent, IEnumerable<string> unknown)
    {
        var line = $"참석 {Number(present)}명";
        var missing = string.Join(", ", absent);
        var strangers = string.Join(", ", unknown);
        return line + (missing.Length > 0 ? $" · 불참: {missing}" : "") + (strangers.Length > 0 ? $" · 명단에 없는 참석자: {strangers}" : "");
    }

    public static string DroppedSummary(int count) => $"후보에서 뺀 발언 {Number(count)}건 (인사·짧은 대답, 회의 밖, 기록 중지 중)";

    public static string DropReason(DropReason reason) => reason switch
    {
        Core.Transcripts.DropReason.Chatter => "인사·짧은 대답",
        Core.Transcripts.DropReason.Paused => "기록 중지 중",
        _ => "회의 밖",
    };

    public static string CandidatesOf(string subcommittee) => $"발언 후보 ({subcommittee}분과)";

    public static string CandidateCount(int count, int open) => $"{Number(count)}건 · 결정 전 {Number(open)}건";

    public static string SpokenAs(string name) => $"(발언 기록의 이름: {name})";

    public static string SpokenAt(string start, string end) => $"{start}~{end}";

    public static string CandidateState(string? status) => status switch
    {
        CandidateDecision.Accepted => "채택",
        CandidateDecision.Ignored => "무시",
        _ => "결정 전",
    };

    public static string DuplicateOf(string bulletId, string text) => $"입력된 항목 {bulletId}: {text}";

    public static string AcceptedBy(string who, string at) => $"{who}이(가) {at}에 채택했습니다 →";

    public static string AcceptedInto(string bulletId) => $"보고서 항목 {bulletId}";

    public static string IgnoredBy(string who, string at) => $"{who}이(가) {at}에 무시했습니다. 보고서에 넣으려면 되살려 채택하세요.";

    public static string Spoken(string speaker, string enteredBy) => $"{SpokenFromCandidate} · {speaker} · 채택: {enteredBy}";

    public static string AcceptedChange(string id, string speaker) => $"발언 후보 채택 ({id}, {speaker})";

    public static string MeetingCount(int count) => count.ToString(CultureInfo.InvariantCulture) + "개";

    public static string State(bool approved, int version) => approved ? $"승인됨 · {Number(version)}판" : $"초안 · {Number(version)}판 준비 중";

    public static string Approve(int version) => $"승인하고 {Number(version)}판으로 확정";

    public static string ApproveHelp(int version) =>
        $"승인하면 지금 문장을 {Number(version)}판으로 얼려 DOCX·HWPX·Markdown·JSON 파일을 만들고 직원 대화방에 알립니다. 그 뒤에 고치면 {Number(version + 1)}판이 됩니다.";

    public static string Approved(int version) => $"{Number(version)}판으로 승인되었습니다. 더 고치면 {Number(version + 1)}판이 됩니다.";

    public static string Version(int version) => Number(version) + "판";

    public static string Part(string subcommittee) => subcommittee + "분과";

    public static string Position(int position, int count) => $"{Number(position + 1)}번째 / {Number(count)}개";

    public static string Ordinal(int position) => Number(position + 1) + "번째";

    public static string Remark(string member, string enteredBy, string? reason) =>
        $"구두 발언 · {member} 위원 · 입력: {enteredBy}" + (reason is null ? "" : $" · 사유: {reason}");

    public static string Done(string? kind) => kind switch
    {
        "create" => "보고서를 만들었습니다. 문장을 고치고 사진을 넣은 뒤 승인하세요.",
        "edit" => "문장을 고쳤습니다.",
        "move" => "항목을 옮겼습니다.",
        "exclude" => "항목을 보고서에서 뺐습니다. 되살리기로 되돌릴 수 있습니다.",
        "restore" => "항목을 되살렸습니다.",
        "merge" => "항목을 합쳤습니다.",
        "remark" => "구두 발언을 추가했습니다.",
        "photo-add" => "사진을 올렸습니다.",
        "photo-caption" => "사진 설명을 고쳤습니다.",
        "photo-remove" => "사진을 뺐습니다.",
        "approve" => "승인했습니다. 아래에서 이 판의 파일을 내려받을 수 있습니다.",
        "candidate-accept" => "발언 후보를 채택했습니다. 보고서 항목으로 들어갔습니다.",
        "candidate-ignore" => "발언 후보를 무시했습니다. 되살려 채택할 수 있습니다.",
        "transcript" => "발언 기록을 올렸습니다. 안건마다 발언 후보가 보입니다.",
        _ => "",
    };

    /// <summary>What a history line did, as staff say it.</summary>
    public static string Kind(string kind) => kind switch
    {
        "edit" => "문장 고침",
        "move" => "옮김",
        "exclude" => "보고서에서 뺌",
        "restore" => "되살림",
        "merge" => "합침",
        "remark" => "구두 발언 추가",
        "photo-add" => "사진 올림",
        "photo-caption" => "사진 설명 고침",
        "photo-remove" => "사진 뺌",
        "approve" => "승인",
        "candidate-accept" => "발언 후보 채택",
        "candidate-ignore" => "발언 후보 무시",
        _ => kind,
    };

    public static string Changed(string id) => $"문장을 고침 ({id})";

    public static string Moved(string id, string from, string to) => $"옮김 ({id}): {from} → {to}";

    public static string ExcludedChange(string id) => $"보고서에서 뺌 ({id})";

    public static string MergedChange(string id, string into) => $"{into}에 합침 ({id})";

    public static string RemarkChange(string id, string member) => $"구두 발언 추가 ({id}, {member} 위원)";

    public static string PhotoChange(string caption) => $"사진 추가: {caption}";

    public static string ItemName(string subcommittee, int index, string title) => $"{subcommittee} · {Number(index)}. {title}";

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
