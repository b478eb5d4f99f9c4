using Microsoft.Extensions.Logging;

namespace MeetingBot.Reports.Drafting.AzureOpenAI;

/// <summary>What the Azure OpenAI drafter logs, with stable event ids (700–709).</summary>
internal static partial class AzureOpenAIDraftingLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Azure OpenAI 초안: 회의 {MeetingId} 안건 {Item}, 항목 {Bullets}개, 토큰 입력 {PromptTokens} / 출력 {CompletionTokens}, 가드 조치 {GuardNotes}건")]
    public static partial void Drafted(ILogger logger, string meetingId, int item, int bullets, long promptTokens, long completionTokens, int guardNotes);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Azure OpenAI 초안 대신 규칙 기반: 회의 {MeetingId} 안건 {Item} — {Reason}")]
    public static partial void FellBack(ILogger logger, string meetingId, int item, string reason);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Azure OpenAI 호출 재시도 {Attempt}번째, {Delay} 뒤 (원인: {Cause})")]
    public static partial void Retrying(ILogger logger, int attempt, TimeSpan delay, string cause);

    [LoggerMessage(EventId = 703, Level = LogLevel.Error, Message = "Azure OpenAI 호출이 잇달아 실패해 {BreakDuration} 동안 호출을 멈춥니다.")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(EventId = 704, Level = LogLevel.Warning, Message = "Azure OpenAI 응답 처리 중 가드가 바꾼 것: 회의 {MeetingId} 안건 {Item} — {Note}")]
    public static partial void Guarded(ILogger logger, string meetingId, int item, string note);
}
