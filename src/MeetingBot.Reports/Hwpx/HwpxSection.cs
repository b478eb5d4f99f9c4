using System.Text;
using System.Xml;

namespace MeetingBot.Reports.Hwpx;

/// <summary>
/// Contents/section0.xml: the report's blocks as paragraphs and tables, in one pass. The plain text for
/// Preview/PrvText.txt is collected on the way so the document is walked once.
/// </summary>
internal sealed class HwpxSection
{
    private const string PreviewNewLine = "\r\n";

    private readonly XmlWriter _w;
    private readonly StringBuilder _preview;
    private readonly IReadOnlyDictionary<PictureBlock, HwpxPicture> _pictures;
    private int _nextParagraphId;
    private int _nextObjectId;
    private bool _sectionPropertiesPending = true;
    private bool _pageBreakPending;

    private HwpxSection(XmlWriter writer, StringBuilder preview, IReadOnlyDictionary<PictureBlock, HwpxPicture> pictures)
    {
        _w = writer;
        _preview = preview;
        _pictures = pictures;
    }

    /// <summary>Characters XML forbids that were replaced while writing.</summary>
    public int Replaced { get; private set; }

    /// <summary>Writes the section and returns how many forbidden characters were replaced.</summary>
    public static int Write(Stream stream, ReportDocument document, StringBuilder preview, IReadOnlyDictionary<PictureBlock, HwpxPicture> pictures)
    {
        using var writer = Owpml.Open(stream);
        var section = new HwpxSection(writer, preview, pictures);
        section.WriteDocument(document);
        return section.Replaced;
    }

    private void WriteDocument(ReportDocument document)
    {
        _w.WriteStartElement("hs", "sec", Owpml.Hs);
        Owpml.DeclareRootNamespaces(_w);

        WriteLines(HwpxHeader.ParaTitle, HwpxHeader.CharTitle, document.Title, 0);
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    var text = heading.Numeral.Length == 0 ? heading.Text : heading.Numeral + " " + heading.Text;
                    _pageBreakPending = heading.NewPage;
                    WriteLines(HwpxHeader.ParaHeading, HwpxHeader.CharHeading, text, 0);
                    break;
                case ParagraphBlock paragraph:
                    var level = Math.Clamp(paragraph.Level, 0, HwpxHeader.MaxLevel);
                    var line = paragraph.Symbol is null ? paragraph.Text : paragraph.Symbol + " " + paragraph.Text;
                    WriteLines(level, CharShapeOf(paragraph.Style), line, level);
                    break;
                case TableBlock table:
                    WriteTable(table);
                    break;
                case PictureBlock picture:
                    WritePicture(_pictures[picture]);
                    break;
                default:
                    throw new NotSupportedException(HwpxStrings.UnsupportedBlock(block.GetType().Name));
            }
        }

        _w.WriteEndElement();
    }

    private static int CharShapeOf(ParagraphStyle style) => style switch
    {
        ParagraphStyle.Note => HwpxHeader.CharNote,
        ParagraphStyle.Subheading => HwpxHeader.CharSubheading,
        _ => HwpxHeader.CharBody,
    };

    private string Clean(string text)
    {
        var clean = XmlText.Clean(text, out var replaced);
        Replaced += replaced;
        return clean;
    }

    /// <summary>One paragraph per line: a line break inside a block becomes a new paragraph with the same shape.</summary>
    private void WriteLines(int paraShape, int charShape, string text, int level)
    {
        foreach (var line in HwpxTable.SplitLines(Clean(text)))
        {
            WriteParagraph(paraShape, charShape, line);
            _preview.Append(' ', level * 2).Append(line).Append(PreviewNewLine);
        }
    }

    private void StartParagraph(int paraShape)
    {
        _w.WriteStartElement("hp", "p", Owpml.Hp);
        _w.Attr("id", _nextParagraphId++);
        _w.Attr("paraPrIDRef", paraShape);
        _w.Attr("styleIDRef", 0);
        _w.Attr("pageBreak", _pageBreakPending);
        _pageBreakPending = false;
        _w.Attr("columnBreak", false);
        _w.Attr("merged", false);
        if (_sectionPropertiesPending)
        {
            _sectionPropertiesPending = false;
            WriteSectionProperties();
        }
    }

    private void WriteParagraph(int paraShape, int charShape, string line)
    {
        StartParagraph(paraShape);
        _w.WriteStartElement("hp", "run", Owpml.Hp);
        _w.Attr("charPrIDRef", charShape);
        if (line.Length > 0)
        {
            _w.WriteElementString("hp", "t", Owpml.Hp, line);
        }

        _w.WriteEndElement();
        _w.WriteEndElement();
    }

    /// <summary>
    /// The page setup: A4 portrait (Hancom calls portrait WIDELY), one column. It sits in a run of its own so
    /// readers that skip control runs still see the title's text.
    /// </summary>
    private void WriteSectionProperties()
    {
        _w.WriteStartElement("hp", "run", Owpml.Hp);
        _w.Attr("charPrIDRef", HwpxHeader.CharTitle);
        _w.WriteStartElement("hp", "secPr", Owpml.Hp);
        _w.Attr("id", "");
        _w.Attr("textDirection", "HORIZONTAL");
        _w.Attr("spaceColumns", 1134);
        _w.Attr("tabStop", 8000);
        _w.Attr("tabStopVal", 4000);
        _w.Attr("tabStopUnit", "HWPUNIT");
        _w.Attr("outlineShapeIDRef", HwpxHeader.OutlineNumbering);
        _w.Attr("memoShapeIDRef", 0);
        _w.Attr("textVerticalWidthHead", 0);
        _w.Attr("masterPageCnt", 0);

        _w.WriteStartElement("hp", "grid", Owpml.Hp);
        _w.Attr("lineGrid", 0);
        _w.Attr("charGrid", 0);
        _w.Attr("wonggojiFormat", false);
        _w.WriteEndElement();
        _w.WriteStartElement("hp", "startNum", Owpml.Hp);
        _w.Attr("pageStartsOn", "BOTH");
        _w.Attr("page", 0);
        _w.Attr("pic", 0);
        _w.Attr("tbl", 0);
        _w.Attr("equation", 0);
        _w.WriteEndElement();
        _w.WriteStartElement("hp", "visibility", Owpml.Hp);
        _w.Attr("hideFirstHeader", false);
        _w.Attr("hideFirstFooter", false);
        _w.Attr("hideFirstMasterPage", false);
        _w.Attr("border", "SHOW_ALL");
        _w.Attr("fill", "SHOW_ALL");
        _w.Attr("hideFirstPageNum", false);
        _w.Attr("hideFirstEmptyLine", false);
        _w.Attr("showLineNumber", false);
        _w.WriteEndElement();
        _w.WriteStartElement("hp", "lineNumberShape", Owpml.Hp);
        _w.Attr("restartType", 0);
        _w.Attr("countBy", 0);
        _w.Attr("distance", 0);
        _w.Attr("startNumber", 0);
        _w.WriteEndElement();

        _w.WriteStartElement("hp", "pagePr", Owpml.Hp);
        _w.Attr("landscape", "WIDELY");
        _w.Attr("width", Owpml.PageWidth);
        _w.Attr("height", Owpml.PageHeight);
        _w.Attr("gutterType", "LEFT_ONLY");
        _w.WriteStartElement("hp", "margin", Owpml.Hp);
        _w.Attr("header", Owpml.MarginHeader);
        _w.Attr("footer", Owpml.MarginFooter);
        _w.Attr("gutter", 0);
        _w.Attr("left", Owpml.MarginLeft);
        _w.Attr("right", Owpml.MarginRight);
        _w.Attr("top", Owpml.MarginTop);
        _w.Attr("bottom", Owpml.MarginBottom);
        _w.WriteEndElement();
        _w.WriteEndElement();

        WriteNoteProperties("footNotePr", -1, 283, "EACH_COLUMN");
        WriteNoteProperties("endNotePr", 14692344, 0, "END_OF_DOCUMENT");

        foreach (var type in (string[])["BOTH", "EVEN", "ODD"])
        {
            _w.WriteStartElement("hp", "pageBorderFill", Owpml.Hp);
            _w.Attr("type", type);
            _w.Attr("borderFillIDRef", HwpxHeader.BorderNone);
            _w.Attr("textBorder", "PAPER");
            _w.Attr("headerInside", false);
            _w.Attr("footerInside", false);
            _w.Attr("fillArea", "PAPER");
            _w.WriteStartElement("hp", "offset", Owpml.Hp);
            _w.Attr("left", 1417);
            _w.Attr("right", 1417);
            _w.Attr("top", 1417);
            _w.Attr("bottom", 1417);
            _w.WriteEndElement();
            _w.WriteEndElement();
        }

        _w.WriteEndElement();

        _w.WriteStartElement("hp", "ctrl", Owpml.Hp);
        _w.WriteStartElement("hp", "colPr", Owpml.Hp);
        _w.Attr("id", "");
        _w.Attr("type", "NEWSPAPER");
        _w.Attr("layout", "LEFT");
        _w.Attr("colCount", 1);
        _w.Attr("sameSz", true);
        _w.Attr("sameGap", 0);
        _w.WriteEndElement();
        _w.WriteEndElement();
        _w.WriteEndElement();
    }

    private void WriteNoteProperties(string name, int lineLength, int betweenNotes, string place)
    {
        _w.WriteStartElement("hp", name, Owpml.Hp);
        _w.WriteStartElement("hp", "autoNumFormat", Owpml.Hp);
        _w.Attr("type", "DIGIT");
        _w.Attr("userChar", "");
        _w.Attr("prefixChar", "");
        _w.Attr("suffixChar", ")");
        _w.Attr("supscript", false);
        _w.WriteEndElement();
        _w.WriteStartElement("hp", "noteLine", Owpml.Hp);
        _w.Attr("length", lineLength);
        _w.Attr("type", "SOLID");
        _w.Attr("width", "0.12 mm");
        _w.Attr("color", "#000000");
        _w.WriteEndElement();
        _w.WriteStartElement("hp", "noteSpacing", Owpml.Hp);
        _w.Attr("betweenNotes", betweenNotes);
        _w.Attr("belowLine", 567);
        _w.Attr("aboveLine", 850);
        _w.WriteEndElement();
        _w.WriteStartElement("hp", "numbering", Owpml.Hp);
        _w.Attr("type", "CONTINUOUS");
        _w.Attr("newNum", 1);
        _w.WriteEndElement();
        _w.WriteStartElement("hp", "placement", Owpml.Hp);
        _w.Attr("place", place);
        _w.Attr("beneathText", false);
        _w.WriteEndElement();
        _w.WriteEndElement();
    }

    /// <summary>The photo in a centred paragraph of its own, kept with the caption paragraph under it.</summary>
    private void WritePicture(HwpxPicture picture)
    {
        StartParagraph(HwpxHeader.ParaPicture);
        _w.WriteStartElement("hp", "run", Owpml.Hp);
        _w.Attr("charPrIDRef", HwpxHeader.CharBody);
        picture.Write(_w, _nextObjectId++);
        _w.WriteEndElement();
        _w.WriteEndElement();
        WriteLines(HwpxHeader.ParaCaption, HwpxHeader.CharNote, picture.Block.Caption, 0);
    }

    private void WriteTable(TableBlock block)
    {
        if (block.Rows.Count == 0 || block.ColumnCount == 0)
        {
            for (var r = 0; r < block.Rows.Count; r++)
            {
                if (block.Rows[r].Cells.Count > 0)
                {
                    throw new ArgumentException(HwpxStrings.TableRowOverflow(r + 1, 0), nameof(block));
                }
            }

            return;
        }

        var table = HwpxTable.Layout(block, Owpml.TextWidth, Clean);
        var objectId = _nextObjectId++;

        StartParagraph(0);
        _w.WriteStartElement("hp", "run", Owpml.Hp);
        _w.Attr("charPrIDRef", HwpxHeader.CharTable);
        _w.WriteStartElement("hp", "tbl", Owpml.Hp);
        _w.WriteObjectAttributes(objectId, "TABLE");
        _w.Attr("pageBreak", "CELL");
        _w.Attr("repeatHeader", block.HeaderRows > 0);
        _w.Attr("rowCnt", table.RowCount);
        _w.Attr("colCnt", table.ColumnCount);
        _w.Attr("cellSpacing", 0);
        _w.Attr("borderFillIDRef", HwpxHeader.BorderCell);
        _w.Attr("noAdjust", false);

        _w.WriteInlinePlacement(table.Width, table.Height);
        _w.WriteMargin("inMargin", HwpxTable.CellMarginSide, HwpxTable.CellMarginSide, HwpxTable.CellMarginTopBottom, HwpxTable.CellMarginTopBottom);

        foreach (var row in table.Rows)
        {
            _w.WriteStartElement("hp", "tr", Owpml.Hp);
            foreach (var cell in row)
            {
                WriteCell(table, cell, cell.Row < block.HeaderRows);
                AppendPreviewCell(cell);
            }

            _w.WriteEndElement();
            _preview.Append(PreviewNewLine);
        }

        _w.WriteEndElement();
        _w.WriteEndElement();
        _w.WriteEndElement();
    }

    private void WriteCell(HwpxTable table, PlacedCell cell, bool headerRow)
    {
        _w.WriteStartElement("hp", "tc", Owpml.Hp);
        _w.Attr("name", "");
        _w.Attr("header", headerRow);
        _w.Attr("hasMargin", false);
        _w.Attr("protect", false);
        _w.Attr("editable", false);
        _w.Attr("dirty", false);
        _w.Attr("borderFillIDRef", cell.Header ? HwpxHeader.BorderHeaderCell : HwpxHeader.BorderCell);

        _w.WriteStartElement("hp", "subList", Owpml.Hp);
        _w.Attr("id", "");
        _w.Attr("textDirection", "HORIZONTAL");
        _w.Attr("lineWrap", "BREAK");
        _w.Attr("vertAlign", "CENTER");
        _w.Attr("linkListIDRef", 0);
        _w.Attr("linkListNextIDRef", 0);
        _w.Attr("textWidth", 0);
        _w.Attr("textHeight", 0);
        _w.Attr("hasTextRef", false);
        _w.Attr("hasNumRef", false);
        var paraShape = cell.Header || IsShort(cell.Lines) ? HwpxHeader.ParaCellCenter : HwpxHeader.ParaCellLeft;
        var charShape = cell.Header ? HwpxHeader.CharTableHeader : HwpxHeader.CharTable;
        foreach (var line in cell.Lines)
        {
            WriteParagraph(paraShape, charShape, line);
        }

        _w.WriteEndElement();

        _w.WriteStartElement("hp", "cellAddr", Owpml.Hp);
        _w.Attr("colAddr", cell.Column);
        _w.Attr("rowAddr", cell.Row);
        _w.WriteEndElement();
        _w.WriteStartElement("hp", "cellSpan", Owpml.Hp);
        _w.Attr("colSpan", cell.ColumnSpan);
        _w.Attr("rowSpan", cell.RowSpan);
        _w.WriteEndElement();
        _w.WriteStartElement("hp", "cellSz", Owpml.Hp);
        _w.Attr("width", table.CellWidth(cell));
        _w.Attr("height", table.CellHeight(cell));
        _w.WriteEndElement();
        _w.WriteMargin("cellMargin", HwpxTable.CellMarginSide, HwpxTable.CellMarginSide, HwpxTable.CellMarginTopBottom, HwpxTable.CellMarginTopBottom);
        _w.WriteEndElement();
    }

    /// <summary>Numbers, dates and short labels read best centred, as in the reference; sentences stay left.</summary>
    private static bool IsShort(string[] lines)
    {
        foreach (var line in lines)
        {
            if (line.Length > 12)
            {
                return false;
            }
        }

        return true;
    }

    private void AppendPreviewCell(PlacedCell cell)
    {
        _preview.Append('<');
        for (var i = 0; i < cell.Lines.Length; i++)
        {
            if (i > 0)
            {
                _preview.Append(' ');
            }

            _preview.Append(cell.Lines[i]);
        }

        _preview.Append('>');
    }
}
