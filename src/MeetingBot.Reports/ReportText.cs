namespace MeetingBot.Reports;

/// <summary>The words the report model and layout print or say, in one place.</summary>
public static class ReportText
{
    public const string PhotosHeading = "회의 사진";
    public const string NoPhotos = "첨부된 회의 사진이 없습니다.";
    public const string AppendixNumeral = "붙임";
    public const string TimingHeading = "시간 운영 결과";

    /// <summary>The note under 시간 운영 결과 when capture was stopped (SPEC §9).</summary>
    public static string CaptureStopped(string stretches) => $"기록 중지: {stretches} (이 동안의 의견·발언은 보고에 담지 않음)";
    public const string NothingDiscussed = "기록된 논의 내용이 없습니다.";

    public static string PhotoMissing(string fileName) => $"사진 파일이 없습니다: {fileName}";

    /// <summary>Names the 분과 a line belongs to when not every 분과 shares it: <c>[협치기반조성, 전략사업] </c>.</summary>
    public static string Subcommittees(IEnumerable<string> names) => $"[{string.Join(", ", names)}] ";

    /// <summary>The <c>markSubcommittee</c> marker after a bullet.</summary>
    public static string Marker(string subcommittee) => $" ({subcommittee})";

    public static string NotAPicture(string fileName) => $"{fileName}: PNG나 JPEG 그림이 아닙니다.";

    public static string NotAFileName(string fileName) => $"'{fileName}': 폴더 이름이 없는 파일 이름이어야 합니다.";
}
