namespace MeetingBot.Channels.Transcripts;

/// <summary>User-facing messages of the transcript and attendance file readers (SPEC §9, §7).</summary>
internal static class TranscriptFileTexts
{
    public const string NoHeader = "WebVTT 파일은 첫 줄이 'WEBVTT'여야 합니다.";

    public const string NoStart = "cue 시각의 기준 시각이 없습니다. 파일에 'NOTE start=2020-09-15T14:00:00+09:00' 줄을 쓰거나, 회의가 시작(/시작)된 뒤에 읽으세요.";

    public static string BadStart(string value) => $"'NOTE start=' 뒤의 '{value}'은(는) 시차가 붙은 ISO-8601 시각이 아닙니다(예: 2020-09-15T14:00:00+09:00).";

    public static string BadTiming(string line) => $"'{line}'은(는) cue 시각 줄이 아닙니다. '00:01:02.500 --> 00:01:05.000' 꼴로 쓰세요.";

    public static string EndBeforeStart(string line) => $"cue의 끝 시각이 시작 시각보다 이릅니다: '{line}'.";

    public static string NoText(string id) => $"cue '{id}'에 말이 없습니다.";

    public static string DuplicateId(string id) => $"cue id '{id}'이(가) 두 번 나옵니다. cue id는 보고서의 출처이므로 서로 달라야 합니다.";

    public static string NotJson(string detail) => $"JSON 형식이 아닙니다: {detail}";

    public static string Missing(string field) => $"'{field}' 값이 없습니다.";

    public static string NotInstant(string field, string value) => $"'{field}'의 '{value}'은(는) 시차가 붙은 ISO-8601 시각이 아닙니다.";

    public static string NotDuration(string value) => $"'totalAttendanceInSeconds'의 '{value}'은(는) 0 이상의 초가 아닙니다.";

    public static string TwoTranscripts(string vtt, string json) => $"발언 기록 파일이 둘입니다({vtt}, {json}). 하나만 두세요.";

    public static string TooLarge(long limit) => $"파일이 너무 큽니다(한도 {limit:N0}바이트).";
}
