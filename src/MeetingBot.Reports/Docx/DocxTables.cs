using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using WordCell = DocumentFormat.OpenXml.Wordprocessing.TableCell;
using WordRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;

namespace MeetingBot.Reports.Docx;

/// <summary>Renders a <see cref="TableBlock"/> as a real <c>w:tbl</c> over the full text width.</summary>
internal static class DocxTables
{
    private const string HeaderFill = "E7E6E6";
    private const int CellMarginSide = 100;
    private const int CellMarginTopBottom = 40;
    private const uint MinRowHeight = 400;

    public static Table Create(TableBlock block, DocxText text)
    {
        var widths = ColumnWidths(block.ColumnWeights);
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = Twips(DocxStyles.TextWidth), Type = TableWidthUnitValues.Dxa },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 12, Space = 0, Color = "000000" },
                    new LeftBorder { Val = BorderValues.Nil },
                    new BottomBorder { Val = BorderValues.Single, Size = 12, Space = 0, Color = "000000" },
                    new RightBorder { Val = BorderValues.Nil },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TopMargin { Width = Twips(CellMarginTopBottom), Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = CellMarginSide, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = Twips(CellMarginTopBottom), Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = CellMarginSide, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = Twips(w) })));

        var rows = DocxTableGrid.Place(block);
        for (var r = 0; r < rows.Count; r++)
        {
            var rowProperties = new TableRowProperties(
                new CantSplit(),
                new TableRowHeight { Val = MinRowHeight, HeightType = HeightRuleValues.AtLeast });
            if (r < block.HeaderRows)
            {
                // Header rows repeat at the top of each page the table continues on.
                rowProperties.Append(new TableHeader());
            }

            var row = new WordRow(rowProperties);
            foreach (var cell in rows[r])
            {
                var width = 0;
                for (var c = cell.Column; c < cell.Column + cell.GridSpan; c++)
                {
                    width += widths[c];
                }

                row.Append(Cell(cell, width, text));
            }

            table.Append(row);
        }

        return table;
    }

    /// <summary>Column widths in twips from the weights; the last column takes the rounding so they fill the width.</summary>
    public static int[] ColumnWidths(IReadOnlyList<int> weights)
    {
        var clamped = weights.Select(w => Math.Max(1, w)).ToArray();
        var total = clamped.Sum();
        var widths = new int[clamped.Length];
        var used = 0;
        for (var i = 0; i < clamped.Length - 1; i++)
        {
            widths[i] = (int)Math.Round((double)DocxStyles.TextWidth * clamped[i] / total);
            used += widths[i];
        }

        widths[^1] = DocxStyles.TextWidth - used;
        return widths;
    }

    private static WordCell Cell(GridCell placed, int width, DocxText text)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = Twips(width), Type = TableWidthUnitValues.Dxa });
        if (placed.GridSpan > 1)
        {
            properties.Append(new GridSpan { Val = placed.GridSpan });
        }

        if (placed.Merge == Merge.Restart)
        {
            properties.Append(new VerticalMerge { Val = MergedCellValues.Restart });
        }
        else if (placed.Merge == Merge.Continue)
        {
            properties.Append(new VerticalMerge());
        }

        var source = placed.Cell;
        if (source.Header)
        {
            properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = HeaderFill });
        }

        properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });

        var cell = new WordCell(properties);
        var style = source.Header ? DocxStyles.TableHeaderStyle : DocxStyles.TableTextStyle;
        if (placed.Merge == Merge.Continue)
        {
            cell.Append(CellParagraph(style, null, null, text));
            return cell;
        }

        var lines = source.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var alignment = source.Header ? null : Alignment(lines, width);
        foreach (var line in lines)
        {
            cell.Append(CellParagraph(style, alignment, line, text));
        }

        return cell;
    }

    private static Paragraph CellParagraph(string style, JustificationValues? alignment, string? line, DocxText text)
    {
        var properties = new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = style } };
        if (alignment is { } value)
        {
            properties.Justification = new Justification { Val = value };
        }

        var paragraph = new Paragraph(properties);
        if (!string.IsNullOrEmpty(line))
        {
            paragraph.Append(text.Run(line));
        }

        return paragraph;
    }

    /// <summary>
    /// The block carries no alignment, so follow how Korean reports set tables: amounts right, labels and short
    /// values centred, list lines (starting with a space or a symbol) and anything that wraps from the left.
    /// Null keeps the style's left.
    /// </summary>
    private static JustificationValues? Alignment(string[] lines, int cellWidth)
    {
        var nonEmpty = lines.Where(l => l.Trim().Length > 0).ToArray();
        if (nonEmpty.Length == 0)
        {
            return null;
        }

        if (nonEmpty.All(IsAmount))
        {
            return JustificationValues.Right;
        }

        var room = cellWidth - (2 * CellMarginSide);
        var centred = nonEmpty.All(l => char.IsLetterOrDigit(l[0]) && DocxText.EmWidth(l) * DocxStyles.TableEm <= room);
        return centred ? JustificationValues.Center : null;
    }

    /// <summary>Amounts such as <c>850,000</c>; short numbers such as a 연번 are labels and stay centred.</summary>
    private static bool IsAmount(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= 4
            && trimmed.Any(char.IsAsciiDigit)
            && trimmed.All(c => char.IsAsciiDigit(c) || c is ',' or '.' or '%' or '-' or '+' or ' ');
    }

    private static string Twips(int value) => value.ToString(CultureInfo.InvariantCulture);
}
