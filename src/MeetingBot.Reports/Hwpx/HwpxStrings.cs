namespace MeetingBot.Reports.Hwpx;

/// <summary>User-facing text of the HWPX writer.</summary>
internal static class HwpxStrings
{
    public const string Creator = "MeetingBot";

    public static string UnsupportedBlock(string type) => $"HWPX 문서에 쓸 수 없는 블록 종류입니다: {type}";

    public static string TableRowOverflow(int row, int columns) =>
        $"표의 {row}번째 행에 열 {columns}개보다 많은 칸이 있습니다.";
}
