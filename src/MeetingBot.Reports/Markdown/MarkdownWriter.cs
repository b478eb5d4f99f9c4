using System.Text;

namespace MeetingBot.Reports.Markdown;

/// <summary>
/// <c>report.md</c>: the laid-out report as Markdown. Indentation uses the ideographic space (two per level), which
/// Markdown keeps, so the symbol hierarchy reads as in the reference. Members' text is escaped, never rendered.
/// Photos are links to <c>photos/{file}</c> beside report.md, where <see cref="ReportFiles"/> writes them.
/// </summary>
public sealed class MarkdownWriter : IDocumentWriter
{
    private const string Indent = "\u3000\u3000";

    public string Format => "md";

    public string ContentType => "text/markdown; charset=utf-8";

    public int Write(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        var replaced = 0;
        var sb = new StringBuilder();
        sb.Append("# ").Append(Escape(document.Title, ref replaced)).Append("\n\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    sb.Append("## ").Append(h.Numeral).Append(' ').Append(Escape(h.Text, ref replaced)).Append("\n\n");
                    break;
                case ParagraphBlock p:
                    Paragraph(sb, p, ref replaced);
                    break;
                case TableBlock t:
                    Table(sb, t, ref replaced);
                    break;
                case PictureBlock picture:
                    Picture(sb, picture, ref replaced);
                    break;
                default:
                    break;
            }
        }

        var bytes = new UTF8Encoding(false).GetBytes(sb.ToString());
        output.Write(bytes);
        return replaced;
    }

    private static void Paragraph(StringBuilder sb, ParagraphBlock p, ref int replaced)
    {
        for (var i = 0; i < p.Level; i++)
        {
            sb.Append(Indent);
        }

        var text = Escape(p.Text, ref replaced).Replace("\n", "<br>", StringComparison.Ordinal);
        var line = p.Symbol is null ? text : $"{Escape(p.Symbol, ref replaced)} {text}";
        sb.Append(p.Style == ParagraphStyle.Subheading ? $"**{line}**" : line).Append("\n\n");
    }

    /// <summary>The photo links to its copy in the report folder's <c>photos/</c>; the caption is the alt text and the line under it.</summary>
    private static void Picture(StringBuilder sb, PictureBlock picture, ref int replaced)
    {
        var caption = Escape(picture.Caption, ref replaced).Replace("\n", " ", StringComparison.Ordinal);
        sb.Append("![").Append(caption).Append("](photos/").Append(Uri.EscapeDataString(picture.FileName)).Append(")\n\n");
        sb.Append(caption).Append("\n\n");
    }

    /// <summary>GFM tables have no spans: a spanned cell's text stands in its first cell, the covered ones stay empty.</summary>
    private static void Table(StringBuilder sb, TableBlock table, ref int replaced)
    {
        var grid = new string?[table.Rows.Count, table.ColumnCount];
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var c = 0;
            foreach (var cell in table.Rows[r].Cells)
            {
                while (c < table.ColumnCount && grid[r, c] is not null)
                {
                    c++;
                }

                if (c >= table.ColumnCount)
                {
                    break;
                }

                var text = Escape(cell.Text, ref replaced).Replace("\n", "<br>", StringComparison.Ordinal);
                for (var dr = 0; dr < cell.RowSpan && r + dr < table.Rows.Count; dr++)
                {
                    for (var dc = 0; dc < cell.ColSpan && c + dc < table.ColumnCount; dc++)
                    {
                        grid[r + dr, c + dc] = dr == 0 && dc == 0 ? text : "";
                    }
                }

                c += cell.ColSpan;
            }
        }

        for (var r = 0; r < table.Rows.Count; r++)
        {
            sb.Append('|');
            for (var c = 0; c < table.ColumnCount; c++)
            {
                var text = grid[r, c] ?? "";
                sb.Append(' ').Append(r < table.HeaderRows && text.Length > 0 ? $"**{text}**" : text).Append(" |");
            }

            sb.Append('\n');
            if (r == 0)
            {
                sb.Append('|');
                for (var c = 0; c < table.ColumnCount; c++)
                {
                    sb.Append(" --- |");
                }

                sb.Append('\n');
            }
        }

        sb.Append('\n');
    }

    /// <summary>Escapes Markdown and HTML so that text shows as written; characters XML forbids are replaced and counted.</summary>
    public static string Escape(string text, ref int replaced)
    {
        var clean = XmlText.Clean(text.Replace("\r\n", "\n", StringComparison.Ordinal), out var count);
        replaced += count;
        var sb = new StringBuilder(clean.Length + 8);
        foreach (var ch in clean)
        {
            switch (ch)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '#':
                    sb.Append('\\').Append(ch);
                    break;
                case '\r':
                    break;
                default:
                    sb.Append(ch);
                    break;
            }
        }

        return sb.ToString();
    }
}
