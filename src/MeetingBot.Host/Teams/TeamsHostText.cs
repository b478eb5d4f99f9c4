namespace MeetingBot.Host.Teams;

/// <summary>The Korean texts of the host's Teams door.</summary>
internal static class TeamsHostText
{
    public const string BodyTooLargeTitle = "요청이 너무 큽니다";
    public static readonly string BodyTooLarge = $"활동(Activity) 본문은 {RequestBodyLimit.MaxBytes / 1024} KB를 넘을 수 없습니다.";
}
