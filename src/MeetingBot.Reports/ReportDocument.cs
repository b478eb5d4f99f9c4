namespace MeetingBot.Reports;

/// <summary>
/// The report laid out as a sequence of blocks. Markdown, DOCX and HWPX writers render the same blocks,
/// so the three formats cannot drift apart in structure.
/// </summary>
public sealed record ReportDocument(string Title, IReadOnlyList<ReportBlock> Blocks);

public abstract record ReportBlock;

/// <summary>A top-level section heading: <c>Ⅰ 개최 개요</c>. <see cref="NewPage"/> starts it on a page of its own.</summary>
public sealed record HeadingBlock(string Numeral, string Text, bool NewPage = false) : ReportBlock;

public enum ParagraphStyle
{
    /// <summary>Body text: 휴먼명조/함초롬바탕 15 pt.</summary>
    Body,

    /// <summary>Notes (※) and captions: 맑은 고딕 13 pt.</summary>
    Note,

    /// <summary>A sub-heading inside a section (an agenda topic or item title): body font, bold.</summary>
    Subheading,
}

/// <summary>
/// A line of the symbol hierarchy. <see cref="Level"/> 0 is flush with the section; each level indents two
/// characters (REPORT-FORMAT.md). <see cref="Symbol"/> is one of □ ❍ - · ▸ ※ or a number such as <c>1.</c>,
/// or null for plain text.
/// </summary>
public sealed record ParagraphBlock(int Level, string? Symbol, string Text, ParagraphStyle Style = ParagraphStyle.Body) : ReportBlock;

/// <summary>A real table. Cells covered by another cell's span are simply absent from their row.</summary>
public sealed record TableBlock(IReadOnlyList<TableRow> Rows, IReadOnlyList<int> ColumnWeights, int HeaderRows = 1) : ReportBlock
{
    public int ColumnCount => ColumnWeights.Count;
}

public sealed record TableRow(IReadOnlyList<TableCell> Cells);

/// <summary>A table cell; <see cref="Text"/> may hold several lines separated by <c>\n</c>.</summary>
public sealed record TableCell(string Text, int ColSpan = 1, int RowSpan = 1, bool Header = false);

/// <summary>
/// A photo on a line of its own, centred, with its caption under it. <see cref="Data"/> is a PNG or JPEG of
/// <see cref="PixelWidth"/>×<see cref="PixelHeight"/>; <see cref="FileName"/> is where report.md links it (<c>photos/…</c>).
/// </summary>
public sealed record PictureBlock(string FileName, string ContentType, ReadOnlyMemory<byte> Data, int PixelWidth, int PixelHeight, string Caption) : ReportBlock
{
    /// <summary>At most this share of the text width tall, so three photos with their captions fit one A4 page.</summary>
    private const double MaxHeightPerTextWidth = 0.36;

    /// <summary>The printed size in the writer's unit: as wide as the text allows, no taller than the cap, aspect kept.</summary>
    public (long Width, long Height) FitInto(long textWidth)
    {
        var scale = Math.Min((double)textWidth / PixelWidth, textWidth * MaxHeightPerTextWidth / PixelHeight);
        return (Math.Max(1, (long)Math.Round(PixelWidth * scale)), Math.Max(1, (long)Math.Round(PixelHeight * scale)));
    }
}
