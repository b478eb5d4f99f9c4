using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MeetingBot.Reports.Docx;

/// <summary>
/// The styles part and page geometry. Formatting lives in named styles so the thousands of runs in a long
/// report carry no properties of their own, and a clerk can restyle the whole report in Word at once.
/// </summary>
internal static class DocxStyles
{
    /// <summary>The fonts Korean public offices have; Word and LibreOffice substitute where they are missing.</summary>
    public const string BodyFont = "함초롬바탕";
    public const string GothicFont = "맑은 고딕";
    public const string Language = "ko-KR";

    public const string TitleStyle = "Title";
    public const string HeadingStyle = "Heading1";
    public const string SubheadingStyle = "Subheading";
    public const string NoteStyle = "Note";
    public const string TableTextStyle = "TableText";
    public const string TableHeaderStyle = "TableHeader";
    public const string TableGapStyle = "TableGap";
    public const string PictureStyle = "Picture";
    public const string CaptionStyle = "PhotoCaption";

    /// <summary>Sizes in half-points, as OOXML counts them.</summary>
    public const int TitleSize = 40;
    public const int HeadingSize = 32;
    public const int BodySize = 30;
    public const int NoteSize = 26;
    public const int TableSize = 22;

    /// <summary>A4 in twips, margins as the reference report: 15 mm top and bottom, 20 mm left and right.</summary>
    public const int PageWidth = 11906;
    public const int PageHeight = 16838;
    public const int MarginTopBottom = 850;
    public const int MarginLeftRight = 1134;
    public const int TextWidth = PageWidth - (2 * MarginLeftRight);

    /// <summary>One full-width (Hangul) character of body text in twips; levels indent by two of them.</summary>
    public const int BodyEm = BodySize * 10;
    public const int NoteEm = NoteSize * 10;
    public const int TableEm = TableSize * 10;

    /// <summary>Line spacing 160 % (Word counts 240 per line).</summary>
    private const string BodyLine = "384";
    private const string TableLine = "288";

    public static Styles Create() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                Fonts(BodyFont),
                new FontSize { Val = Half(BodySize) },
                new FontSizeComplexScript { Val = Half(BodySize) },
                new Languages { Val = Language, EastAsia = Language, Bidi = "ar-SA" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = BodyLine, LineRule = LineSpacingRuleValues.Auto }))),
        // No automatic gap between Hangul and Latin letters or digits: Korean reports write "9월", not "9 월".
        ParagraphStyle("Normal", "Normal", basedOn: null, isDefault: true,
            new StyleParagraphProperties(
                new AutoSpaceDE { Val = false },
                new AutoSpaceDN { Val = false },
                new Justification { Val = JustificationValues.Both })),
        ParagraphStyle(TitleStyle, "Title", basedOn: "Normal", isDefault: false,
            new StyleParagraphProperties(
                new KeepNext(),
                new ParagraphBorders(
                    new TopBorder { Val = BorderValues.Double, Size = 6, Space = 6, Color = "000000" },
                    new BottomBorder { Val = BorderValues.Double, Size = 6, Space = 6, Color = "000000" }),
                new SpacingBetweenLines { Before = "0", After = "480", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                new Justification { Val = JustificationValues.Center },
                new OutlineLevel { Val = 0 }),
            new StyleRunProperties(Fonts(GothicFont), new Bold(), new BoldComplexScript(), Size(TitleSize), SizeCs(TitleSize))),
        ParagraphStyle(HeadingStyle, "heading 1", basedOn: "Normal", isDefault: false,
            new StyleParagraphProperties(
                new KeepNext(),
                new SpacingBetweenLines { Before = "360", After = "120" },
                new Justification { Val = JustificationValues.Left },
                new OutlineLevel { Val = 0 }),
            new StyleRunProperties(Fonts(GothicFont), new Bold(), new BoldComplexScript(), Size(HeadingSize), SizeCs(HeadingSize))),
        ParagraphStyle(SubheadingStyle, "Subheading", basedOn: "Normal", isDefault: false,
            new StyleParagraphProperties(
                new KeepNext(),
                new SpacingBetweenLines { Before = "240" },
                new OutlineLevel { Val = 1 }),
            new StyleRunProperties(new Bold(), new BoldComplexScript())),
        ParagraphStyle(NoteStyle, "Note", basedOn: "Normal", isDefault: false,
            null,
            new StyleRunProperties(Fonts(GothicFont), Size(NoteSize), SizeCs(NoteSize))),
        ParagraphStyle(TableTextStyle, "Table Text", basedOn: "Normal", isDefault: false,
            new StyleParagraphProperties(
                new SpacingBetweenLines { Line = TableLine, LineRule = LineSpacingRuleValues.Auto },
                new Justification { Val = JustificationValues.Left }),
            new StyleRunProperties(Fonts(GothicFont), Size(TableSize), SizeCs(TableSize))),
        ParagraphStyle(TableHeaderStyle, "Table Header", basedOn: TableTextStyle, isDefault: false,
            new StyleParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new StyleRunProperties(new Bold(), new BoldComplexScript())),
        ParagraphStyle(TableGapStyle, "Table Gap", basedOn: "Normal", isDefault: false,
            new StyleParagraphProperties(new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto }),
            new StyleRunProperties(Size(12), SizeCs(12))),

        // A photo keeps to its caption; single line spacing so the paragraph is as tall as the picture.
        ParagraphStyle(PictureStyle, "Picture", basedOn: "Normal", isDefault: false,
            new StyleParagraphProperties(
                new KeepNext(),
                new SpacingBetweenLines { Before = "240", After = "60", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                new Justification { Val = JustificationValues.Center })),
        ParagraphStyle(CaptionStyle, "Photo Caption", basedOn: NoteStyle, isDefault: false,
            new StyleParagraphProperties(
                new SpacingBetweenLines { After = "120" },
                new Justification { Val = JustificationValues.Center })));

    public static Settings CreateSettings() => new(
        new Zoom { Percent = "100" },
        new DefaultTabStop { Val = 800 },
        new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation },
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode,
            Uri = "http://schemas.microsoft.com/office/word",
            Val = "15",
        }),
        new ThemeFontLanguages { Val = "en-US", EastAsia = Language });

    /// <summary>
    /// Declares the fonts with the Hangul character set and their English names, so a word processor without
    /// them substitutes a Korean serif or gothic face instead of a Latin one.
    /// </summary>
    public static Fonts CreateFontTable() => new(
        FontEntry(BodyFont, "HCR Batang", FontFamilyValues.Roman),
        FontEntry(GothicFont, "Malgun Gothic", FontFamilyValues.Swiss));

    public static SectionProperties CreateSection() => new(
        new PageSize { Width = PageWidth, Height = PageHeight },
        new PageMargin
        {
            Top = MarginTopBottom,
            Bottom = MarginTopBottom,
            Left = MarginLeftRight,
            Right = MarginLeftRight,
            Header = 567,
            Footer = 567,
            Gutter = 0,
        },
        new DocGrid { LinePitch = 360 });

    private static RunFonts Fonts(string font) => new()
    {
        Hint = FontTypeHintValues.EastAsia,
        Ascii = font,
        HighAnsi = font,
        EastAsia = font,
        ComplexScript = font,
    };

    private static string Half(int halfPoints) => halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static FontSize Size(int halfPoints) => new() { Val = Half(halfPoints) };

    private static FontSizeComplexScript SizeCs(int halfPoints) => new() { Val = Half(halfPoints) };

    private static Style ParagraphStyle(
        string id, string name, string? basedOn, bool isDefault, StyleParagraphProperties? paragraph, StyleRunProperties? run = null)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = OnOffValue.FromBoolean(true);
        }

        style.Append(new StyleName { Val = name });
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
            style.Append(new NextParagraphStyle { Val = "Normal" });
        }

        style.Append(new PrimaryStyle());
        if (paragraph is not null)
        {
            style.Append(paragraph);
        }

        if (run is not null)
        {
            style.Append(run);
        }

        return style;
    }

    private static Font FontEntry(string name, string altName, FontFamilyValues family) => new(
        new AltName { Val = altName },
        new FontCharSet { Val = "81" },
        new FontFamily { Val = family },
        new Pitch { Val = FontPitchValues.Variable })
    { Name = name };
}
