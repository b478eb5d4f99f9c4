namespace MeetingBot.Reports.Docx;

/// <summary>
/// Where each cell of a <see cref="TableBlock"/> sits in the column grid. The block leaves out the cells that a
/// row span covers, but a DOCX row must hold one <c>w:tc</c> per grid position, so the rows below a row span get
/// a continuation cell (<c>w:vMerge</c> without a value) of the same width.
/// </summary>
internal static class DocxTableGrid
{
    public static IReadOnlyList<IReadOnlyList<GridCell>> Place(TableBlock table)
    {
        var columns = table.ColumnCount;
        var spans = new RowSpan?[columns];
        var rows = new List<IReadOnlyList<GridCell>>(table.Rows.Count);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var covered = new bool[columns];
            foreach (var span in spans)
            {
                if (span is { Remaining: > 0 })
                {
                    Array.Fill(covered, true, span.Column, span.Width);
                }
            }

            var source = table.Rows[r].Cells;
            var next = 0;
            var placed = new List<GridCell>();
            var c = 0;
            while (c < columns)
            {
                if (spans[c] is { Remaining: > 0 } carried)
                {
                    placed.Add(new GridCell(carried.Origin, c, carried.Width, Merge.Continue));
                    carried.Remaining--;
                    c += carried.Width;
                    continue;
                }

                if (next >= source.Count)
                {
                    // A short row is padded so the grid stays rectangular, as Word expects.
                    placed.Add(new GridCell(new TableCell(""), c, 1, Merge.None));
                    c++;
                    continue;
                }

                var cell = source[next++];
                var width = 1;
                while (width < cell.ColSpan && c + width < columns && !covered[c + width])
                {
                    width++;
                }

                var merge = Merge.None;
                if (cell.RowSpan > 1 && r + 1 < table.Rows.Count)
                {
                    spans[c] = new RowSpan(cell, c, width) { Remaining = cell.RowSpan - 1 };
                    merge = Merge.Restart;
                }

                placed.Add(new GridCell(cell, c, width, merge));
                c += width;
            }

            if (next < source.Count)
            {
                throw new ArgumentException(DocxStrings.RowTooLong(r + 1, source.Count - next), nameof(table));
            }

            rows.Add(placed);
        }

        return rows;
    }

    private sealed class RowSpan(TableCell origin, int column, int width)
    {
        public TableCell Origin { get; } = origin;
        public int Column { get; } = column;
        public int Width { get; } = width;
        public int Remaining { get; set; }
    }
}

internal enum Merge
{
    None,
    Restart,
    Continue,
}

/// <param name="Cell">The block's cell; for a continuation, the cell whose row span covers this position.</param>
internal sealed record GridCell(TableCell Cell, int Column, int GridSpan, Merge Merge);
