namespace MeetingBot.Reports.Hwpx;

/// <summary>A cell placed on the table grid: its address, its (clamped) spans and its cleaned lines.</summary>
internal sealed record PlacedCell(int Row, int Column, int ColumnSpan, int RowSpan, string[] Lines, bool Header);

/// <summary>
/// Places a <see cref="TableBlock"/>'s cells on the grid OWPML needs: every slot covered by exactly one cell,
/// spans clamped to the grid, uncovered slots filled with empty cells (Hangul breaks a table with holes).
/// Widths follow the column weights across the text width; heights are estimates Hangul recomputes.
/// </summary>
internal sealed class HwpxTable
{
    public const int CellMarginSide = 510;
    public const int CellMarginTopBottom = 141;

    private HwpxTable(int rowCount, int columnCount, List<PlacedCell>[] rows, int[] columnWidths, int[] rowHeights)
    {
        RowCount = rowCount;
        ColumnCount = columnCount;
        Rows = rows;
        ColumnWidths = columnWidths;
        RowHeights = rowHeights;
    }

    public int RowCount { get; }
    public int ColumnCount { get; }
    public IReadOnlyList<List<PlacedCell>> Rows { get; }
    public int[] ColumnWidths { get; }
    public int[] RowHeights { get; }
    public int Width => Sum(ColumnWidths, 0, ColumnWidths.Length);
    public int Height => Sum(RowHeights, 0, RowHeights.Length);

    public int CellWidth(PlacedCell cell) => Sum(ColumnWidths, cell.Column, cell.ColumnSpan);

    public int CellHeight(PlacedCell cell) => Sum(RowHeights, cell.Row, cell.RowSpan);

    /// <summary>Lays the table out; <paramref name="clean"/> turns a cell's text into XML-safe text.</summary>
    public static HwpxTable Layout(TableBlock table, int totalWidth, Func<string, string> clean)
    {
        var rowCount = table.Rows.Count;
        var columnCount = table.ColumnCount;
        var occupied = new bool[rowCount, columnCount];
        var rows = new List<PlacedCell>[rowCount];
        for (var r = 0; r < rowCount; r++)
        {
            var placed = new List<PlacedCell>(columnCount);
            var c = 0;
            foreach (var cell in table.Rows[r].Cells)
            {
                while (c < columnCount && occupied[r, c])
                {
                    c++;
                }

                if (c == columnCount)
                {
                    throw new ArgumentException(HwpxStrings.TableRowOverflow(r + 1, columnCount), nameof(table));
                }

                var columnSpan = 1;
                var maxColumnSpan = Math.Min(Math.Max(cell.ColSpan, 1), columnCount - c);
                while (columnSpan < maxColumnSpan && !occupied[r, c + columnSpan])
                {
                    columnSpan++;
                }

                var rowSpan = 1;
                var maxRowSpan = Math.Min(Math.Max(cell.RowSpan, 1), rowCount - r);
                while (rowSpan < maxRowSpan && IsFree(occupied, r + rowSpan, c, columnSpan))
                {
                    rowSpan++;
                }

                for (var dr = 0; dr < rowSpan; dr++)
                {
                    for (var dc = 0; dc < columnSpan; dc++)
                    {
                        occupied[r + dr, c + dc] = true;
                    }
                }

                var header = cell.Header || r < table.HeaderRows;
                placed.Add(new PlacedCell(r, c, columnSpan, rowSpan, SplitLines(clean(cell.Text)), header));
                c += columnSpan;
            }

            var filled = false;
            for (var column = 0; column < columnCount; column++)
            {
                if (!occupied[r, column])
                {
                    occupied[r, column] = true;
                    placed.Add(new PlacedCell(r, column, 1, 1, [""], r < table.HeaderRows));
                    filled = true;
                }
            }

            if (filled)
            {
                placed.Sort((a, b) => a.Column.CompareTo(b.Column));
            }

            rows[r] = placed;
        }

        var widths = Widths(table.ColumnWeights, totalWidth);
        var heights = Heights(rows, widths);
        return new HwpxTable(rowCount, columnCount, rows, widths, heights);
    }

    /// <summary>Splits text on line breaks (CR, LF or CRLF); an empty text is one empty line.</summary>
    public static string[] SplitLines(string text)
    {
        if (text.IndexOfAny(['\r', '\n']) < 0)
        {
            return [text];
        }

        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
    }

    private static bool IsFree(bool[,] occupied, int row, int column, int columnSpan)
    {
        for (var dc = 0; dc < columnSpan; dc++)
        {
            if (occupied[row, column + dc])
            {
                return false;
            }
        }

        return true;
    }

    private static int[] Widths(IReadOnlyList<int> weights, int totalWidth)
    {
        var widths = new int[weights.Count];
        long sum = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += Math.Max(weights[i], 1);
        }

        var used = 0;
        for (var i = 0; i < weights.Count - 1; i++)
        {
            widths[i] = (int)(totalWidth * (long)Math.Max(weights[i], 1) / sum);
            used += widths[i];
        }

        widths[^1] = totalWidth - used;
        return widths;
    }

    private static int[] Heights(List<PlacedCell>[] rows, int[] widths)
    {
        var heights = new int[rows.Length];
        var minimum = HwpxHeader.TableLineHeight + 2 * CellMarginTopBottom;
        for (var r = 0; r < rows.Length; r++)
        {
            heights[r] = minimum;
            foreach (var cell in rows[r])
            {
                if (cell.RowSpan == 1)
                {
                    heights[r] = Math.Max(heights[r], Needed(cell, widths));
                }
            }
        }

        for (var r = 0; r < rows.Length; r++)
        {
            foreach (var cell in rows[r])
            {
                if (cell.RowSpan > 1)
                {
                    var deficit = Needed(cell, widths) - Sum(heights, r, cell.RowSpan);
                    if (deficit > 0)
                    {
                        heights[r + cell.RowSpan - 1] += deficit;
                    }
                }
            }
        }

        return heights;
    }

    /// <summary>Estimated height: wrapped lines at the table font, Hangul syllables a full em, Latin half.</summary>
    private static int Needed(PlacedCell cell, int[] widths)
    {
        var inner = Math.Max(Sum(widths, cell.Column, cell.ColumnSpan) - 2 * CellMarginSide, HwpxHeader.TableCharHeight);
        var lines = 0;
        foreach (var line in cell.Lines)
        {
            long halves = 0;
            foreach (var ch in line)
            {
                halves += ch >= '\u1100' && !char.IsLowSurrogate(ch) ? 2 : 1;
            }

            var width = halves * HwpxHeader.TableCharHeight / 2;
            lines += Math.Max(1, (int)((width + inner - 1) / inner));
        }

        return lines * HwpxHeader.TableLineHeight + 2 * CellMarginTopBottom;
    }

    private static int Sum(int[] values, int start, int count)
    {
        var sum = 0;
        for (var i = start; i < start + count; i++)
        {
            sum += values[i];
        }

        return sum;
    }
}
