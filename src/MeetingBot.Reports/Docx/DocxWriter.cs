using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MeetingBot.Reports.Docx;

/// <summary>
/// Writes the laid-out report as <c>report.docx</c>: A4, Korean fonts and language in the styles, the symbol
/// hierarchy as indented paragraphs with hanging indents, real tables with merged cells, and photos as inline pictures.
/// </summary>
/// <param name="clock">Stamps the document's created/modified time; without it those properties stay empty
/// (the writer never reads the system clock).</param>
public sealed class DocxWriter(TimeProvider? clock = null) : IDocumentWriter
{
    private const string HeadingNumeralFill = "1F3864";

    /// <summary>The gap between a symbol and its text in ems, about one space of a Korean font.</summary>
    private const double SymbolGap = 0.35;

    public string Format => "docx";

    public string ContentType => "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public int Write(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);

        var text = new DocxText();
        var title = text.Clean(document.Title);

        // The package needs a seekable stream; the output may be an HTTP response.
        using var buffer = new MemoryStream();
        using (var package = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = DocxStyles.Create();
            main.AddNewPart<DocumentSettingsPart>().Settings = DocxStyles.CreateSettings();
            main.AddNewPart<FontTablePart>().Fonts = DocxStyles.CreateFontTable();
            main.Document = new Document(Body(title, document.Blocks, text, new DocxPictures(main)));

            var properties = package.PackageProperties;
            properties.Title = title;
            properties.Creator = DocxStrings.Creator;
            properties.Language = DocxStyles.Language;
            if (clock is not null)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                properties.Created = now;
                properties.Modified = now;
            }
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
        return text.Replaced;
    }

    private static Body Body(string title, IReadOnlyList<ReportBlock> blocks, DocxText text, DocxPictures pictures)
    {
        var body = new Body();
        if (title.Length > 0)
        {
            body.Append(StyledParagraph(DocxStyles.TitleStyle, text.Run(title)));
        }

        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    body.Append(Heading(heading, text));
                    break;
                case ParagraphBlock paragraph:
                    body.Append(Paragraph(paragraph, text));
                    break;
                case TableBlock table when table.ColumnCount > 0 && table.Rows.Count > 0:
                    body.Append(DocxTables.Create(table, text));

                    // Word joins tables that touch and wants a paragraph after the last one.
                    body.Append(StyledParagraph(DocxStyles.TableGapStyle));
                    break;
                case TableBlock:
                    break;
                case PictureBlock picture:
                    body.Append(pictures.Create(picture, text));
                    break;
                default:
                    throw new ArgumentException(DocxStrings.UnknownBlock(block.GetType().Name), nameof(blocks));
            }
        }

        body.Append(DocxStyles.CreateSection());
        return body;
    }

    /// <summary>The numeral sits in a dark box, as section headings of Korean public reports do.</summary>
    private static Paragraph Heading(HeadingBlock heading, DocxText text)
    {
        var paragraph = HeadingParagraph(heading, text);
        if (heading.NewPage)
        {
            paragraph.ParagraphProperties!.PageBreakBefore = new PageBreakBefore();
        }

        return paragraph;
    }

    private static Paragraph HeadingParagraph(HeadingBlock heading, DocxText text)
    {
        if (heading.Numeral.Length == 0)
        {
            return StyledParagraph(DocxStyles.HeadingStyle, text.Run(heading.Text));
        }

        var numeral = text.Run($" {heading.Numeral} ");
        numeral.RunProperties = new RunProperties
        {
            Color = new Color { Val = "FFFFFF" },
            Shading = new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = HeadingNumeralFill },
        };
        return StyledParagraph(DocxStyles.HeadingStyle, numeral, text.Run($"  {heading.Text}"));
    }

    /// <summary>
    /// Each level indents two body characters. The symbol hangs in front so wrapped lines start under the text,
    /// not under the symbol. A tab, not a space, follows the symbol: the tab ends exactly at the hanging indent
    /// whatever width the symbol has in the font at hand, while a space would leave the first line off by the
    /// error of our width estimate. The estimate only sets how wide the gap after the symbol looks.
    /// </summary>
    private static Paragraph Paragraph(ParagraphBlock block, DocxText text)
    {
        var style = block.Style switch
        {
            ParagraphStyle.Note => DocxStyles.NoteStyle,
            ParagraphStyle.Subheading => DocxStyles.SubheadingStyle,
            _ => null,
        };
        var em = block.Style == ParagraphStyle.Note ? DocxStyles.NoteEm : DocxStyles.BodyEm;
        var left = Math.Max(0, block.Level) * 2 * DocxStyles.BodyEm;

        var properties = new ParagraphProperties();
        if (style is not null)
        {
            properties.ParagraphStyleId = new ParagraphStyleId { Val = style };
        }

        string content;
        if (string.IsNullOrEmpty(block.Symbol))
        {
            content = block.Text;
            if (left > 0)
            {
                properties.Indentation = new Indentation { Left = Twips(left) };
            }
        }
        else
        {
            content = block.Symbol + "\t" + block.Text;
            var hanging = (int)Math.Round((DocxText.EmWidth(block.Symbol) + SymbolGap) * em);
            properties.Indentation = new Indentation { Left = Twips(left + hanging), Hanging = Twips(hanging) };
        }

        return new Paragraph(properties, text.Run(content));
    }

    internal static Paragraph StyledParagraph(string style, params OpenXmlElement[] runs)
    {
        var paragraph = new Paragraph(new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = style } });
        paragraph.Append(runs);
        return paragraph;
    }

    private static string Twips(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
