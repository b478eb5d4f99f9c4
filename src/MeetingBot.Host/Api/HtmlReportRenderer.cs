using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using MeetingBot.Reports;

namespace MeetingBot.Host.Api;

/// <summary>
/// The report for the staff page: the same <see cref="ReportDocument"/> blocks the Markdown, DOCX and HWPX writers
/// render, as an HTML fragment, so what staff review has the structure of the files they download.
/// </summary>
public static class HtmlReportRenderer
{
    /// <summary>Renders the document. <paramref name="replaced"/> counts characters XML forbids, replaced as in the files.</summary>
    public static string Render(ReportDocument document, out int replaced)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = new HtmlText();
        var sb = new StringBuilder();
        sb.Append("<article class=\"report\">");
        sb.Append("<h1 class=\"report-title\">").Append(html.Encode(document.Title)).Append("</h1>");
        Blocks(sb, document.Blocks, html);
        sb.Append("</article>");
        replaced = html.Replaced;
        return sb.ToString();
    }

    /// <summary>Headings, paragraphs and tables as the article shows them (pictures are the workspace's own, with their forms).</summary>
    public static void Blocks(StringBuilder sb, IEnumerable<ReportBlock> blocks, HtmlText html)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(html);
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    sb.Append("<h2 class=\"report-heading\"><span class=\"numeral\">").Append(html.Encode(h.Numeral))
                        .Append("</span> ").Append(html.Encode(h.Text)).Append("</h2>");
                    break;
                case ParagraphBlock p:
                    Paragraph(sb, p, html);
                    break;
                case TableBlock t:
                    Table(sb, t, html);
                    break;
                default:
                    break;
            }
        }
    }

    private static void Paragraph(StringBuilder sb, ParagraphBlock p, HtmlText html)
    {
        var style = p.Style switch
        {
            ParagraphStyle.Note => "note",
            ParagraphStyle.Subheading => "subheading",
            _ => "body",
        };

        // The indent is a class of the stylesheet, as the pages allow no inline style; the symbol hangs so wrapped lines align with the text.
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"para {style} lvl-{Math.Clamp(p.Level, 0, StaffPageStyle.MaxLevel)}\">");
        if (p.Symbol is not null)
        {
            sb.Append("<span class=\"sym\">").Append(html.Encode(p.Symbol)).Append("</span>");
        }

        sb.Append("<span class=\"text\">").Append(html.Lines(p.Text)).Append("</span></p>");
    }

    private static void Table(StringBuilder sb, TableBlock table, HtmlText html)
    {
        var total = Math.Max(1, table.ColumnWeights.Sum());
        sb.Append("<table class=\"report-table\"><colgroup>");
        foreach (var weight in table.ColumnWeights)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<col class=\"w-{Math.Clamp((int)Math.Round(100.0 * weight / total), 1, 100)}\">");
        }

        sb.Append("</colgroup>");
        var headerRows = Math.Clamp(table.HeaderRows, 0, table.Rows.Count);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            if (r == 0 && headerRows > 0)
            {
                sb.Append("<thead>");
            }
            else if (r == headerRows)
            {
                sb.Append("<tbody>");
            }

            sb.Append("<tr>");
            foreach (var cell in table.Rows[r].Cells)
            {
                var tag = cell.Header || r < headerRows ? "th" : "td";
                sb.Append('<').Append(tag);
                if (cell.ColSpan > 1)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" colspan=\"{cell.ColSpan}\"");
                }

                if (cell.RowSpan > 1)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" rowspan=\"{cell.RowSpan}\"");
                }

                sb.Append('>').Append(html.Lines(cell.Text)).Append("</").Append(tag).Append('>');
            }

            sb.Append("</tr>");
            if (r == headerRows - 1)
            {
                sb.Append("</thead>");
            }
        }

        if (table.Rows.Count > headerRows)
        {
            sb.Append("</tbody>");
        }

        sb.Append("</table>");
    }
}

/// <summary>
/// Members' text for HTML: characters XML forbids are replaced (and counted) as in the documents, then everything is
/// encoded, so markup in a chat message shows as written and never runs. Korean stays readable in the source.
/// </summary>
public sealed class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public int Replaced { get; private set; }

    public string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var clean = XmlText.Clean(text, out var count);
        Replaced += count;
        return Encoder.Encode(clean);
    }

    /// <summary>Encoded text whose line breaks show as <c>&lt;br&gt;</c>.</summary>
    public string Lines(string? text) => string.Join("<br>", (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(Encode));
}
