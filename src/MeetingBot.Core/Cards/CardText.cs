namespace MeetingBot.Core.Cards;

/// <summary>Every word the cards say, in one place (Korean first), for every channel.</summary>
public static class CardText
{
    public const string NotStarted = "시작 전입니다. 분과장이 /시작 으로 회의를 시작합니다.";
    public const string PlannedLabel = "예정";
    public const string ActualLabel = "실제";

    public const string NextButton = "다음";
    public const string PreviousButton = "이전";
    public const string ExtendButton = "5분 연장";
    public const string PauseButton = "일시정지";
    public const string ResumeButton = "재개";
    public const string EndButton = "종료";

    public const string OpinionButton = "의견 남기기";
    public const string OpinionTitle = "의견 남기기";
    public const string ItemLabel = "안건";
    public const string KindLabel = "종류";
    public const string TextLabel = "내용";
    public const string TextPlaceholder = "남기실 의견·질문·제안을 적어 주세요";
    public const string SubmitButton = "보내기";
    public const string TextRequired = "내용을 적어 주세요.";
    public const string ChooseOne = "하나를 골라 주세요.";

    public const string Redelivered = "이 요청은 이미 처리했습니다.";
    public const string ChairOnly = "진행 버튼은 분과장·부분과장·담당 직원이 누를 수 있습니다.";

    public static string Overrun(int minutes) => $"{minutes}분 초과";

    public static string AsOf(string time) => $"{time} 기준";

    public static string Left(string countdown) => $"남은 시간 {countdown}";

    public static string Over(string countdown) => $"{countdown} 초과";

    public static string RunningLine(string item, string clock) => $"▶ 진행 중: {item} · {clock}";

    public static string PausedLine(string item, string clock) => $"⏸ 일시정지: {item} · {clock}";

    public static string Ended(string? time) => time is null ? "■ 회의를 마쳤습니다." : $"■ {time}에 회의를 마쳤습니다.";

    public static string ButtonsLine(IEnumerable<string> labels) => $"[{string.Join("] [", labels)}] [{OpinionButton}]";
}
