namespace MeetingBot.Reports.Docx;

/// <summary>What the DOCX writer says to people: its error messages and document properties.</summary>
internal static class DocxStrings
{
    public const string Creator = "MeetingBot";

    public static string RowTooLong(int row, int extra) =>
        $"표의 {row}번째 행에 열 수보다 {extra}칸이 더 있습니다. 표 배치(ColumnWeights, ColSpan, RowSpan)를 확인하세요.";

    public static string UnknownBlock(string type) => $"DOCX로 쓸 수 없는 보고서 블록입니다: {type}";
}
