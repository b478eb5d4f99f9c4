using System.Xml;

namespace MeetingBot.Reports.Hwpx;

/// <summary>
/// Contents/header.xml: the fixed set of fonts, borders, character and paragraph shapes the report uses. The ids
/// below are what the section refers to; every list is written from one array so its <c>itemCnt</c> cannot drift.
/// </summary>
internal static class HwpxHeader
{
    private sealed record Font(string Face, string Type, string? Substitute);

    private sealed record CharShape(int Height, int Font, bool Bold);

    private sealed record ParaShape(string Align, int Left, int Prev, int Next, int LineSpacing, bool KeepWithNext);

    private sealed record BorderFill(bool Lines, string? Fill);

    // One font list for every language, so a fontRef id names the same face in all seven.
    private const int FontBody = 1;
    private const int FontGothic = 2;

    private static readonly Font[] Fonts =
    [
        new("함초롬바탕", "TTF", null),
        new("휴먼명조", "HFT", "함초롬바탕"),
        new("맑은 고딕", "TTF", "함초롬돋움"),
        new("함초롬돋움", "TTF", null),
    ];

    private static readonly string[] Languages = ["HANGUL", "LATIN", "HANJA", "JAPANESE", "OTHER", "SYMBOL", "USER"];
    private static readonly string[] LanguageAttributes = ["hangul", "latin", "hanja", "japanese", "other", "symbol", "user"];

    // Border fill ids start at 1, as Hancom numbers them.
    public const int BorderNone = 1;
    public const int BorderChar = 2;
    public const int BorderCell = 3;
    public const int BorderHeaderCell = 4;

    private static readonly BorderFill[] BorderFills =
    [
        new(false, null),
        new(false, "none"),
        new(true, null),
        new(true, "#E3E3E3"),
    ];

    public const int CharBody = 0;
    public const int CharTitle = 1;
    public const int CharHeading = 2;
    public const int CharSubheading = 3;
    public const int CharNote = 4;
    public const int CharTable = 5;
    public const int CharTableHeader = 6;

    private static readonly CharShape[] CharShapes =
    [
        new(1500, FontBody, false),
        new(2000, FontGothic, true),
        new(1600, FontGothic, true),
        new(1500, FontBody, true),
        new(1300, FontGothic, false),
        new(1100, FontGothic, false),
        new(1100, FontGothic, true),
    ];

    /// <summary>Two body characters (15 pt each): the indent of one symbol level.</summary>
    public const int LevelIndent = 3000;

    public const int MaxLevel = 4;
    public const int ParaTitle = MaxLevel + 1;
    public const int ParaHeading = MaxLevel + 2;
    public const int ParaCellLeft = MaxLevel + 3;
    public const int ParaCellCenter = MaxLevel + 4;
    public const int ParaPicture = MaxLevel + 5;
    public const int ParaCaption = MaxLevel + 6;

    private const int BodyLineSpacing = 160;
    private const int TableLineSpacing = 130;

    private static readonly ParaShape[] ParaShapes =
    [
        .. Enumerable.Range(0, MaxLevel + 1).Select(level => new ParaShape("JUSTIFY", level * LevelIndent, 0, 0, BodyLineSpacing, false)),
        new("CENTER", 0, 0, 1500, BodyLineSpacing, true),
        new("LEFT", 0, 1500, 500, BodyLineSpacing, true),
        new("LEFT", 0, 0, 0, TableLineSpacing, false),
        new("CENTER", 0, 0, 0, TableLineSpacing, false),
        new("CENTER", 0, 1200, 300, 100, true),
        new("CENTER", 0, 0, 600, BodyLineSpacing, false),
    ];

    /// <summary>Line height of a table line in HWPUNIT, for the cell heights Hangul starts from.</summary>
    public static int TableLineHeight => CharShapes[CharTable].Height * TableLineSpacing / 100;

    public static int TableCharHeight => CharShapes[CharTable].Height;

    /// <summary>The outline numbering <c>secPr outlineShapeIDRef</c> points at.</summary>
    public const int OutlineNumbering = 1;

    private static readonly (string Format, string Text)[] OutlineLevels =
    [
        ("DIGIT", "^1."), ("HANGUL_SYLLABLE", "^2."), ("DIGIT", "^3)"), ("HANGUL_SYLLABLE", "^4)"),
        ("DIGIT", "(^5)"), ("HANGUL_SYLLABLE", "(^6)"), ("CIRCLED_DIGIT", "^7"),
    ];

    public static void Write(Stream stream, int sectionCount)
    {
        using var w = Owpml.Open(stream);
        w.WriteStartElement("hh", "head", Owpml.Hh);
        Owpml.DeclareRootNamespaces(w);
        w.Attr("version", "1.5");
        w.Attr("secCnt", sectionCount);

        w.WriteStartElement("hh", "beginNum", Owpml.Hh);
        foreach (var name in (string[])["page", "footnote", "endnote", "pic", "tbl", "equation"])
        {
            w.Attr(name, 1);
        }

        w.WriteEndElement();

        w.WriteStartElement("hh", "refList", Owpml.Hh);
        WriteFontFaces(w);
        WriteBorderFills(w);
        WriteCharProperties(w);
        WriteTabProperties(w);
        WriteNumberings(w);
        WriteParaProperties(w);
        WriteStyles(w);
        w.WriteEndElement();

        w.WriteStartElement("hh", "compatibleDocument", Owpml.Hh);
        w.Attr("targetProgram", "HWP201X");
        w.WriteElementString("hh", "layoutCompatibility", Owpml.Hh, null);
        w.WriteEndElement();

        w.WriteStartElement("hh", "docOption", Owpml.Hh);
        w.WriteStartElement("hh", "linkinfo", Owpml.Hh);
        w.Attr("path", "");
        w.Attr("pageInherit", false);
        w.Attr("footnoteInherit", false);
        w.WriteEndElement();
        w.WriteEndElement();

        // Hancom's own spelling of trackchangeConfig.
        w.WriteStartElement("hh", "trackchageConfig", Owpml.Hh);
        w.Attr("flags", 56);
        w.WriteEndElement();

        w.WriteEndElement();
    }

    private static void WriteFontFaces(XmlWriter w)
    {
        w.WriteStartElement("hh", "fontfaces", Owpml.Hh);
        w.Attr("itemCnt", Languages.Length);
        foreach (var language in Languages)
        {
            w.WriteStartElement("hh", "fontface", Owpml.Hh);
            w.Attr("lang", language);
            w.Attr("fontCnt", Fonts.Length);
            for (var id = 0; id < Fonts.Length; id++)
            {
                var font = Fonts[id];
                w.WriteStartElement("hh", "font", Owpml.Hh);
                w.Attr("id", id);
                w.Attr("face", font.Face);
                w.Attr("type", font.Type);
                w.Attr("isEmbedded", false);
                if (font.Substitute is not null)
                {
                    w.WriteStartElement("hh", "substFont", Owpml.Hh);
                    w.Attr("face", font.Substitute);
                    w.Attr("type", "TTF");
                    w.Attr("isEmbedded", false);
                    w.Attr("binaryItemIDRef", "");
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteBorderFills(XmlWriter w)
    {
        w.WriteStartElement("hh", "borderFills", Owpml.Hh);
        w.Attr("itemCnt", BorderFills.Length);
        for (var i = 0; i < BorderFills.Length; i++)
        {
            var fill = BorderFills[i];
            w.WriteStartElement("hh", "borderFill", Owpml.Hh);
            w.Attr("id", i + 1);
            w.Attr("threeD", false);
            w.Attr("shadow", false);
            w.Attr("centerLine", "NONE");
            w.Attr("breakCellSeparateLine", false);
            foreach (var name in (string[])["slash", "backSlash"])
            {
                w.WriteStartElement("hh", name, Owpml.Hh);
                w.Attr("type", "NONE");
                w.Attr("Crooked", false);
                w.Attr("isCounter", false);
                w.WriteEndElement();
            }

            foreach (var name in (string[])["leftBorder", "rightBorder", "topBorder", "bottomBorder"])
            {
                WriteLine(w, name, fill.Lines ? "SOLID" : "NONE");
            }

            WriteLine(w, "diagonal", "SOLID");
            if (fill.Fill is not null)
            {
                w.WriteStartElement("hc", "fillBrush", Owpml.Hc);
                w.WriteStartElement("hc", "winBrush", Owpml.Hc);
                w.Attr("faceColor", fill.Fill);
                w.Attr("hatchColor", "#999999");
                w.Attr("alpha", 0);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();

        static void WriteLine(XmlWriter w, string name, string type)
        {
            w.WriteStartElement("hh", name, Owpml.Hh);
            w.Attr("type", type);
            w.Attr("width", "0.12 mm");
            w.Attr("color", "#000000");
            w.WriteEndElement();
        }
    }

    private static void WriteCharProperties(XmlWriter w)
    {
        w.WriteStartElement("hh", "charProperties", Owpml.Hh);
        w.Attr("itemCnt", CharShapes.Length);
        for (var id = 0; id < CharShapes.Length; id++)
        {
            var shape = CharShapes[id];
            w.WriteStartElement("hh", "charPr", Owpml.Hh);
            w.Attr("id", id);
            w.Attr("height", shape.Height);
            w.Attr("textColor", "#000000");
            w.Attr("shadeColor", "none");
            w.Attr("useFontSpace", false);
            w.Attr("useKerning", false);
            w.Attr("symMark", "NONE");
            w.Attr("borderFillIDRef", BorderChar);

            // Hangul reads these children in this order only.
            PerLanguage(w, "fontRef", shape.Font);
            PerLanguage(w, "ratio", 100);
            PerLanguage(w, "spacing", 0);
            PerLanguage(w, "relSz", 100);
            PerLanguage(w, "offset", 0);
            if (shape.Bold)
            {
                w.WriteElementString("hh", "bold", Owpml.Hh, null);
            }

            w.WriteStartElement("hh", "underline", Owpml.Hh);
            w.Attr("type", "NONE");
            w.Attr("shape", "SOLID");
            w.Attr("color", "#000000");
            w.WriteEndElement();
            w.WriteStartElement("hh", "strikeout", Owpml.Hh);
            w.Attr("shape", "NONE");
            w.Attr("color", "#000000");
            w.WriteEndElement();
            w.WriteStartElement("hh", "outline", Owpml.Hh);
            w.Attr("type", "NONE");
            w.WriteEndElement();
            w.WriteStartElement("hh", "shadow", Owpml.Hh);
            w.Attr("type", "NONE");
            w.Attr("color", "#B2B2B2");
            w.Attr("offsetX", 10);
            w.Attr("offsetY", 10);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();

        static void PerLanguage(XmlWriter w, string name, int value)
        {
            w.WriteStartElement("hh", name, Owpml.Hh);
            foreach (var attribute in LanguageAttributes)
            {
                w.Attr(attribute, value);
            }

            w.WriteEndElement();
        }
    }

    private static void WriteTabProperties(XmlWriter w)
    {
        w.WriteStartElement("hh", "tabProperties", Owpml.Hh);
        w.Attr("itemCnt", 1);
        w.WriteStartElement("hh", "tabPr", Owpml.Hh);
        w.Attr("id", 0);
        w.Attr("autoTabLeft", false);
        w.Attr("autoTabRight", false);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteNumberings(XmlWriter w)
    {
        w.WriteStartElement("hh", "numberings", Owpml.Hh);
        w.Attr("itemCnt", 1);
        w.WriteStartElement("hh", "numbering", Owpml.Hh);
        w.Attr("id", OutlineNumbering);
        w.Attr("start", 0);
        for (var level = 0; level < OutlineLevels.Length; level++)
        {
            var (format, text) = OutlineLevels[level];
            w.WriteStartElement("hh", "paraHead", Owpml.Hh);
            w.Attr("start", 1);
            w.Attr("level", level + 1);
            w.Attr("align", "LEFT");
            w.Attr("useInstWidth", true);
            w.Attr("autoIndent", true);
            w.Attr("widthAdjust", 0);
            w.Attr("textOffsetType", "PERCENT");
            w.Attr("textOffset", 50);
            w.Attr("numFormat", format);
            w.Attr("checkable", false);
            w.WriteString(text);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteParaProperties(XmlWriter w)
    {
        w.WriteStartElement("hh", "paraProperties", Owpml.Hh);
        w.Attr("itemCnt", ParaShapes.Length);
        for (var id = 0; id < ParaShapes.Length; id++)
        {
            var shape = ParaShapes[id];
            w.WriteStartElement("hh", "paraPr", Owpml.Hh);
            w.Attr("id", id);
            w.Attr("tabPrIDRef", 0);
            w.Attr("condense", 0);
            w.Attr("fontLineHeight", false);
            w.Attr("snapToGrid", true);
            w.Attr("suppressLineNumbers", false);
            w.Attr("checked", false);

            w.WriteStartElement("hh", "align", Owpml.Hh);
            w.Attr("horizontal", shape.Align);
            w.Attr("vertical", "BASELINE");
            w.WriteEndElement();
            w.WriteStartElement("hh", "heading", Owpml.Hh);
            w.Attr("type", "NONE");
            w.Attr("idRef", 0);
            w.Attr("level", 0);
            w.WriteEndElement();
            w.WriteStartElement("hh", "breakSetting", Owpml.Hh);
            w.Attr("breakLatinWord", "KEEP_WORD");
            w.Attr("breakNonLatinWord", "KEEP_WORD");
            w.Attr("widowOrphan", false);
            w.Attr("keepWithNext", shape.KeepWithNext);
            w.Attr("keepLines", false);
            w.Attr("pageBreakBefore", false);
            w.Attr("lineWrap", "BREAK");
            w.WriteEndElement();

            // Plain margin and lineSpacing, no hp:switch: Hangul reads plain values as written, while a
            // HwpUnitChar case would be read in half units.
            w.WriteStartElement("hh", "margin", Owpml.Hh);
            Value(w, "intent", 0);
            Value(w, "left", shape.Left);
            Value(w, "right", 0);
            Value(w, "prev", shape.Prev);
            Value(w, "next", shape.Next);
            w.WriteEndElement();
            w.WriteStartElement("hh", "lineSpacing", Owpml.Hh);
            w.Attr("type", "PERCENT");
            w.Attr("value", shape.LineSpacing);
            w.Attr("unit", "HWPUNIT");
            w.WriteEndElement();

            w.WriteStartElement("hh", "border", Owpml.Hh);
            w.Attr("borderFillIDRef", BorderChar);
            w.Attr("offsetLeft", 0);
            w.Attr("offsetRight", 0);
            w.Attr("offsetTop", 0);
            w.Attr("offsetBottom", 0);
            w.Attr("connect", false);
            w.Attr("ignoreMargin", false);
            w.WriteEndElement();
            w.WriteStartElement("hh", "autoSpacing", Owpml.Hh);
            w.Attr("eAsianEng", false);
            w.Attr("eAsianNum", false);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();

        static void Value(XmlWriter w, string name, int value)
        {
            w.WriteStartElement("hc", name, Owpml.Hc);
            w.Attr("value", value);
            w.Attr("unit", "HWPUNIT");
            w.WriteEndElement();
        }
    }

    private static void WriteStyles(XmlWriter w)
    {
        w.WriteStartElement("hh", "styles", Owpml.Hh);
        w.Attr("itemCnt", 1);
        w.WriteStartElement("hh", "style", Owpml.Hh);
        w.Attr("id", 0);
        w.Attr("type", "PARA");
        w.Attr("name", "바탕글");
        w.Attr("engName", "Normal");
        w.Attr("paraPrIDRef", 0);
        w.Attr("charPrIDRef", CharBody);
        w.Attr("nextStyleIDRef", 0);
        w.Attr("langID", 1042);
        w.Attr("lockForm", false);
        w.WriteEndElement();
        w.WriteEndElement();
    }
}
