using System.Text.RegularExpressions;
using MeetingBot.Host.Api;
using MeetingBot.Reports;
using MeetingBot.Reports.Markdown;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>The staff page's renderer of the report blocks: the same structure as the files, and text that never becomes markup.</summary>
public sealed class HtmlReportRendererTests
{
    private static readonly ReportDocument Document = new("영등포구협치회의 분과회의(9월) 개최 결과 보고",
    [
        new HeadingBlock("Ⅰ", "개최 개요"),
        new ParagraphBlock(0, "□", "화상회의 방식으로 개최"),
        new TableBlock(
        [
            new TableRow([new TableCell("분  과", ColSpan: 2, Header: true), new TableCell("전략사업", Header: true)]),
            new TableRow([new TableCell("참여자", RowSpan: 2, Header: true), new TableCell("민간", Header: true), new TableCell("조영윤 외 4명")]),
            new TableRow([new TableCell("행정", Header: true), new TableCell("협치조정관\n협치지원관")]),
        ], [2, 2, 5]),
        new HeadingBlock("Ⅱ", "주요 회의내용"),
        new ParagraphBlock(0, "□", "2021 지역사회혁신계획 최종 수립 보고", ParagraphStyle.Subheading),
        new ParagraphBlock(1, "❍", "주요의견"),
        new ParagraphBlock(2, "▸", "협치지원관 인건비 예산은 삭감되지 않아야 함."),
        new ParagraphBlock(0, "※", "7. 향후 협치회의 일정 안내: 예정보다 4' 초과", ParagraphStyle.Note),
        new ParagraphBlock(0, null, "그 결과를 보고드림."),
    ]);

    [Fact]
    public void EveryBlock_IsRenderedInOrder_WithItsLevelSymbolAndStyle()
    {
        var html = HtmlReportRenderer.Render(Document, out var replaced);

        Assert.Equal(0, replaced);
        Assert.StartsWith("<article class=\"report\"><h1 class=\"report-title\">영등포구협치회의 분과회의(9월) 개최 결과 보고</h1>", html, StringComparison.Ordinal);
        var order = Regex.Matches(html, "<(h2|p|table) ").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["h2", "p", "table", "h2", "p", "p", "p", "p", "p"], order);
        Assert.Contains("<p class=\"para subheading lvl-0\"><span class=\"sym\">□</span><span class=\"text\">2021 지역사회혁신계획 최종 수립 보고</span></p>", html);
        Assert.Contains("<p class=\"para body lvl-2\"><span class=\"sym\">▸</span><span class=\"text\">협치지원관 인건비 예산은 삭감되지 않아야 함.</span></p>", html);
        Assert.Contains("<p class=\"para note lvl-0\"><span class=\"sym\">※</span>", html);
        Assert.Contains("<p class=\"para body lvl-0\"><span class=\"text\">그 결과를 보고드림.</span></p>", html);
    }

    [Fact]
    public void Tables_KeepSpansHeadersWidthsAndLineBreaks()
    {
        var html = HtmlReportRenderer.Render(Document, out _);

        Assert.Contains("<col class=\"w-22\"><col class=\"w-22\"><col class=\"w-56\">", html);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Contains("<thead><tr><th colspan=\"2\">분  과</th><th>전략사업</th></tr></thead>", html);
        Assert.Contains("<tbody><tr><th rowspan=\"2\">참여자</th><th>민간</th><td>조영윤 외 4명</td></tr>", html);
        Assert.Contains("<tr><th>행정</th><td>협치조정관<br>협치지원관</td></tr></tbody></table>", html);
    }

    [Fact]
    public void TheStructure_MatchesTheMarkdownFileOfTheSameBlocks()
    {
        var html = HtmlReportRenderer.Render(Document, out _);
        using var md = new MemoryStream();
        new MarkdownWriter().Write(Document, md);
        var markdown = System.Text.Encoding.UTF8.GetString(md.ToArray());

        Assert.Equal(Regex.Count(markdown, "^## ", RegexOptions.Multiline), Regex.Count(html, "<h2 "));
        foreach (var symbol in new[] { "□", "❍", "▸", "※" })
        {
            Assert.Equal(Regex.Count(markdown, $"^(\u3000)*(\\*\\*)?{symbol} ", RegexOptions.Multiline), Regex.Count(html, $"<span class=\"sym\">{symbol}</span>"));
        }
    }

    [Fact]
    public void MembersText_IsEncoded_AndForbiddenCharactersAreReplacedAndCounted()
    {
        var hostile = new ReportDocument("<b>제목</b>",
        [
            new ParagraphBlock(2, "▸", "<script>alert('x')</script> & \"인용\" 제어\u0001문자\uFFFE"),
            new TableBlock([new TableRow([new TableCell("<td>칸</td>\u0002")])], [1], HeaderRows: 0),
        ]);

        var html = HtmlReportRenderer.Render(hostile, out var replaced);

        Assert.Equal(3, replaced);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td><td>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;인용&quot; 제어\uFFFD문자\uFFFD", html, StringComparison.Ordinal);
        Assert.Contains("<tbody><tr><td>&lt;td&gt;칸&lt;/td&gt;\uFFFD</td></tr></tbody>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("[\u0000-\u0008\u000B\u000C\u000E-\u001F]", html);
    }
}
