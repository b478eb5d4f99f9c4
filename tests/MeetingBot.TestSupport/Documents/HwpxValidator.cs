using Xunit;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace MeetingBot.TestSupport.Documents;

/// <summary>
/// Checks a generated .hwpx against every rule of REPORT-FORMAT.md (HWPX section). Written from the format
/// document, not from the writer, so the writer's constants are not reused here. Returns the violations found.
/// </summary>
public static partial class HwpxValidator
{
    public const string MimeType = "application/hwp+zip";

    private static readonly Dictionary<string, string> RootNamespaces = new()
    {
        ["hp"] = "http://www.hancom.co.kr/hwpml/2011/paragraph",
        ["hs"] = "http://www.hancom.co.kr/hwpml/2011/section",
        ["hh"] = "http://www.hancom.co.kr/hwpml/2011/head",
        ["hc"] = "http://www.hancom.co.kr/hwpml/2011/core",
        ["ha"] = "http://www.hancom.co.kr/hwpml/2011/app",
        ["hhs"] = "http://www.hancom.co.kr/hwpml/2011/history",
        ["hm"] = "http://www.hancom.co.kr/hwpml/2011/master-page",
        ["hp10"] = "http://www.hancom.co.kr/hwpml/2016/paragraph",
        ["hpf"] = "http://www.hancom.co.kr/schema/2011/hpf",
        ["opf"] = "http://www.idpf.org/2007/opf/",
        ["dc"] = "http://purl.org/dc/elements/1.1/",
    };

    private static readonly XNamespace Hp = RootNamespaces["hp"];
    private static readonly XNamespace Hs = RootNamespaces["hs"];
    private static readonly XNamespace Hh = RootNamespaces["hh"];
    private static readonly XNamespace Opf = RootNamespaces["opf"];
    private static readonly XNamespace Ocf = "urn:oasis:names:tc:opendocument:xmlns:container";

    private static readonly string[] RequiredEntries =
    [
        "mimetype", "version.xml", "Contents/header.xml", "Contents/section0.xml", "Contents/content.hpf",
        "settings.xml", "Preview/PrvText.txt", "META-INF/container.xml", "META-INF/manifest.xml", "META-INF/container.rdf",
    ];

    private static readonly string[] Languages = ["HANGUL", "LATIN", "HANJA", "JAPANESE", "OTHER", "SYMBOL", "USER"];

    private static readonly (string Name, bool Required)[] CharPrChildren =
    [
        ("fontRef", true), ("ratio", true), ("spacing", true), ("relSz", true), ("offset", true), ("italic", false),
        ("bold", false), ("underline", true), ("strikeout", true), ("outline", true), ("shadow", true),
    ];

    private static readonly string[] TcChildren = ["subList", "cellAddr", "cellSpan", "cellSz", "cellMargin"];

    /// <summary>The children of <c>hp:pic</c> in the order Hancom writes them (hwpxlib's PictureWriter, Hancom-saved files).</summary>
    private static readonly (string Name, bool Required)[] PicChildren =
    [
        ("offset", true), ("orgSz", true), ("curSz", true), ("flip", true), ("rotationInfo", true), ("renderingInfo", true),
        ("lineShape", false), ("imgRect", true), ("imgClip", true), ("inMargin", true), ("imgDim", true), ("img", true),
        ("effects", false), ("sz", true), ("pos", true), ("outMargin", true), ("caption", false), ("shapeComment", false),
    ];

    private static readonly XNamespace Hc = RootNamespaces["hc"];

    private const int A4Width = 59528;
    private const int A4Height = 84186;

    public static IReadOnlyList<string> Validate(byte[] package)
    {
        var violations = new List<string>();
        CheckMimetypeBytes(package, violations);

        Dictionary<string, byte[]> entries;
        try
        {
            entries = ReadEntries(package, violations);
        }
        catch (InvalidDataException ex)
        {
            violations.Add($"not a ZIP archive: {ex.Message}");
            return violations;
        }

        foreach (var required in RequiredEntries)
        {
            if (!entries.ContainsKey(required))
            {
                violations.Add($"missing entry {required}");
            }
        }

        var documents = new Dictionary<string, XDocument>();
        foreach (var (name, bytes) in entries)
        {
            if (name.EndsWith(".xml", StringComparison.Ordinal) || name.EndsWith(".hpf", StringComparison.Ordinal) ||
                name.EndsWith(".rdf", StringComparison.Ordinal))
            {
                var document = ParseXml(name, bytes, violations);
                if (document is not null)
                {
                    documents[name] = document;
                }
            }
        }

        var sections = entries.Keys.Where(n => SectionName().IsMatch(n)).OrderBy(SectionIndex).ToList();
        foreach (var name in (string[])["Contents/header.xml", "Contents/content.hpf", .. sections])
        {
            if (documents.TryGetValue(name, out var document))
            {
                CheckRootNamespaces(name, document, violations);
            }
        }

        if (documents.TryGetValue("version.xml", out var version) &&
            (version.Root!.Name.LocalName != "HCFVersion" || version.Root.Attribute("tagetApplication") is null))
        {
            violations.Add("version.xml: root must be hv:HCFVersion with tagetApplication");
        }

        var ids = new HeaderIds();
        if (documents.TryGetValue("Contents/header.xml", out var header))
        {
            CheckHeader(header, sections.Count, ids, violations);
        }

        var manifest = documents.TryGetValue("Contents/content.hpf", out var content) ? Manifest(content) : [];
        foreach (var name in sections)
        {
            if (documents.TryGetValue(name, out var section))
            {
                CheckSection(name, section, ids, manifest, entries, violations);
            }
        }

        if (content is not null)
        {
            CheckContent(content, sections, entries, violations);
            CheckBinData(manifest, entries, violations);
        }

        if (documents.TryGetValue("META-INF/container.xml", out var container))
        {
            CheckContainer(container, entries, violations);
        }

        return violations;
    }

    /// <summary>The first local file header, read from the raw bytes: ZipArchive hides method and flags.</summary>
    private static void CheckMimetypeBytes(byte[] package, List<string> violations)
    {
        var span = package.AsSpan();
        if (span.Length < 30 || BinaryPrimitives.ReadUInt32LittleEndian(span) != 0x04034b50)
        {
            violations.Add("mimetype: the package does not start with a ZIP local file header");
            return;
        }

        var flags = BinaryPrimitives.ReadUInt16LittleEndian(span[6..]);
        var method = BinaryPrimitives.ReadUInt16LittleEndian(span[8..]);
        var compressedSize = BinaryPrimitives.ReadUInt32LittleEndian(span[18..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(span[22..]);
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[26..]);
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
        var name = Encoding.ASCII.GetString(span.Slice(30, Math.Min(nameLength, span.Length - 30)));
        if (name != "mimetype")
        {
            violations.Add($"mimetype: the first entry is '{name}', not mimetype");
            return;
        }

        if ((flags & 0x0008) != 0)
        {
            violations.Add("mimetype: the first entry has a data descriptor (general purpose flag bit 3)");
        }

        if (method != 0)
        {
            violations.Add($"mimetype: compression method {method}, must be 0 (stored)");
        }

        var start = 30 + nameLength + extraLength;
        if (method == 0 && compressedSize == size && start + size <= span.Length)
        {
            var content = Encoding.ASCII.GetString(span.Slice(start, (int)size));
            if (content != MimeType)
            {
                violations.Add($"mimetype: content is '{content}', must be '{MimeType}' without newline");
            }
        }
        else if (method == 0)
        {
            violations.Add("mimetype: sizes in the local header are not those of the stored content");
        }
    }

    private static Dictionary<string, byte[]> ReadEntries(byte[] package, List<string> violations)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        if (zip.Entries.Count > 0 && zip.Entries[0].FullName != "mimetype")
        {
            violations.Add($"mimetype: central directory lists '{zip.Entries[0].FullName}' first");
        }

        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (!entries.TryAdd(entry.FullName, copy.ToArray()))
            {
                violations.Add($"duplicate entry {entry.FullName}");
            }
        }

        return entries;
    }

    private static XDocument? ParseXml(string name, byte[] bytes, List<string> violations)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit };
            using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            violations.Add($"{name}: not well-formed XML: {ex.Message}");
            return null;
        }

        if (document.Declaration?.Standalone != "yes")
        {
            violations.Add($"{name}: XML declaration lacks standalone=\"yes\"");
        }

        return document;
    }

    private static void CheckRootNamespaces(string name, XDocument document, List<string> violations)
    {
        var root = document.Root!;
        foreach (var (prefix, uri) in RootNamespaces)
        {
            var declared = root.Attribute(XNamespace.Xmlns + prefix)?.Value;
            if (declared != uri)
            {
                violations.Add($"{name}: root does not declare xmlns:{prefix}=\"{uri}\"");
            }
        }
    }

    /// <summary>Ids the header defines, per kind, for checking the references of header and sections.</summary>
    private sealed class HeaderIds
    {
        public Dictionary<string, HashSet<string>> Kinds { get; } = new()
        {
            ["charPrIDRef"] = [],
            ["paraPrIDRef"] = [],
            ["borderFillIDRef"] = [],
            ["styleIDRef"] = [],
            ["tabPrIDRef"] = [],
            ["nextStyleIDRef"] = [],
        };

        public Dictionary<string, HashSet<string>> FontsByLanguage { get; } = [];
        public HashSet<string> Numberings { get; } = [];
    }

    private static void CheckHeader(XDocument header, int sectionCount, HeaderIds ids, List<string> violations)
    {
        var head = header.Root!;
        if (head.Name != Hh + "head")
        {
            violations.Add("header.xml: root is not hh:head");
            return;
        }

        if (head.Attribute("version") is null)
        {
            violations.Add("header.xml: hh:head has no version");
        }

        if (head.Attribute("secCnt")?.Value != sectionCount.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            violations.Add($"header.xml: secCnt is {head.Attribute("secCnt")?.Value}, the package has {sectionCount} section(s)");
        }

        foreach (var counted in head.Descendants().Where(e => e.Attribute("itemCnt") is not null))
        {
            var count = counted.Elements().Count();
            if (counted.Attribute("itemCnt")!.Value != count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                violations.Add($"header.xml: {counted.Name.LocalName} itemCnt={counted.Attribute("itemCnt")!.Value} but has {count} children");
            }
        }

        var refList = head.Element(Hh + "refList");
        if (refList is null)
        {
            violations.Add("header.xml: no hh:refList");
            return;
        }

        // OWPML lists pictures in content.hpf only; hh:binDataList is HWPML's (.hml) and no child of Hancom's refList.
        if (head.Descendants().Any(e => e.Name.LocalName.Equals("binDataList", StringComparison.OrdinalIgnoreCase)))
        {
            violations.Add("header.xml: has a binDataList, which OWPML's refList does not define (pictures belong in content.hpf)");
        }

        foreach (var list in (string[])["fontfaces", "borderFills", "charProperties", "tabProperties", "numberings", "paraProperties", "styles"])
        {
            if (refList.Element(Hh + list) is null)
            {
                violations.Add($"header.xml: refList lacks hh:{list}");
            }
        }

        var faces = refList.Element(Hh + "fontfaces")?.Elements(Hh + "fontface").ToList() ?? [];
        var languages = faces.Select(f => (string?)f.Attribute("lang")).ToList();
        if (!languages.Order().SequenceEqual(Languages.Order()))
        {
            violations.Add($"header.xml: fontfaces languages are [{string.Join(", ", languages)}], must be the 7 languages");
        }

        foreach (var face in faces)
        {
            var fonts = face.Elements(Hh + "font").ToList();
            if ((string?)face.Attribute("fontCnt") != fonts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                violations.Add($"header.xml: fontface {(string?)face.Attribute("lang")} fontCnt does not match its fonts");
            }

            CheckSequentialIds($"fontface {(string?)face.Attribute("lang")}", fonts, 0, violations);
            ids.FontsByLanguage[((string?)face.Attribute("lang") ?? "").ToLowerInvariant()] =
                fonts.Select(f => (string?)f.Attribute("id") ?? "").ToHashSet();
        }

        Collect(refList, "borderFills", "borderFill", 1, ids.Kinds["borderFillIDRef"], violations);
        Collect(refList, "charProperties", "charPr", 0, ids.Kinds["charPrIDRef"], violations);
        Collect(refList, "tabProperties", "tabPr", 0, ids.Kinds["tabPrIDRef"], violations);
        Collect(refList, "paraProperties", "paraPr", 0, ids.Kinds["paraPrIDRef"], violations);
        Collect(refList, "styles", "style", 0, ids.Kinds["styleIDRef"], violations);
        ids.Kinds["nextStyleIDRef"].UnionWith(ids.Kinds["styleIDRef"]);
        foreach (var numbering in refList.Element(Hh + "numberings")?.Elements(Hh + "numbering") ?? [])
        {
            ids.Numberings.Add((string?)numbering.Attribute("id") ?? "");
        }

        foreach (var charPr in refList.Descendants(Hh + "charPr"))
        {
            CheckCharPrOrder(charPr, violations);
            var fontRef = charPr.Element(Hh + "fontRef");
            foreach (var attribute in fontRef?.Attributes() ?? [])
            {
                if (!ids.FontsByLanguage.TryGetValue(attribute.Name.LocalName, out var fonts) || !fonts.Contains(attribute.Value))
                {
                    violations.Add($"header.xml: charPr {(string?)charPr.Attribute("id")} fontRef {attribute.Name.LocalName}={attribute.Value} names no font");
                }
            }
        }

        CheckReferences("header.xml", head, ids, violations);
    }

    private static void Collect(XElement refList, string list, string item, int first, HashSet<string> target, List<string> violations)
    {
        var items = refList.Element(Hh + list)?.Elements(Hh + item).ToList() ?? [];
        CheckSequentialIds(list, items, first, violations);
        foreach (var element in items)
        {
            target.Add((string?)element.Attribute("id") ?? "");
        }
    }

    /// <summary>Hangul indexes these lists by position, so ids must run without gaps from the first one.</summary>
    private static void CheckSequentialIds(string list, List<XElement> items, int first, List<string> violations)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var expected = (first + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if ((string?)items[i].Attribute("id") != expected)
            {
                violations.Add($"header.xml: {list} item {i} has id {(string?)items[i].Attribute("id")}, expected {expected}");
            }
        }
    }

    private static void CheckCharPrOrder(XElement charPr, List<string> violations)
    {
        var children = charPr.Elements().Select(e => e.Name.LocalName).ToList();
        var position = 0;
        foreach (var (name, required) in CharPrChildren)
        {
            if (position < children.Count && children[position] == name)
            {
                position++;
            }
            else if (required)
            {
                violations.Add($"header.xml: charPr {(string?)charPr.Attribute("id")} children [{string.Join(", ", children)}] are not in the order fontRef, ratio, spacing, relSz, offset, italic?, bold?, underline, strikeout, outline, shadow");
                return;
            }
        }

        if (position != children.Count)
        {
            violations.Add($"header.xml: charPr {(string?)charPr.Attribute("id")} has unexpected child {children[position]}");
        }
    }

    private static void CheckReferences(string part, XElement root, HeaderIds ids, List<string> violations)
    {
        foreach (var element in root.DescendantsAndSelf())
        {
            foreach (var attribute in element.Attributes())
            {
                if (ids.Kinds.TryGetValue(attribute.Name.LocalName, out var known) && !known.Contains(attribute.Value))
                {
                    violations.Add($"{part}: {element.Name.LocalName} {attribute.Name.LocalName}={attribute.Value} refers to no defined id");
                }
            }
        }
    }

    private static void CheckSection(
        string name, XDocument section, HeaderIds ids, Dictionary<string, XElement> manifest, Dictionary<string, byte[]> entries, List<string> violations)
    {
        var sec = section.Root!;
        if (sec.Name != Hs + "sec")
        {
            violations.Add($"{name}: root is not hs:sec");
            return;
        }

        CheckReferences(name, sec, ids, violations);

        foreach (var paragraph in sec.Descendants(Hp + "p"))
        {
            if (paragraph.Attribute("paraPrIDRef") is null || paragraph.Attribute("styleIDRef") is null)
            {
                violations.Add($"{name}: hp:p without paraPrIDRef or styleIDRef");
            }
        }

        foreach (var run in sec.Descendants(Hp + "run"))
        {
            if (run.Attribute("charPrIDRef") is null)
            {
                violations.Add($"{name}: hp:run without charPrIDRef");
            }
        }

        if (sec.Descendants(Hp + "linesegarray").Any())
        {
            violations.Add($"{name}: contains hp:linesegarray (a stale layout cache Hangul must recompute)");
        }

        var firstRun = sec.Elements(Hp + "p").FirstOrDefault()?.Elements(Hp + "run").FirstOrDefault();
        var secPr = firstRun?.Elements().FirstOrDefault();
        if (secPr?.Name != Hp + "secPr")
        {
            violations.Add($"{name}: the first run of the first paragraph does not start with hp:secPr");
        }
        else
        {
            var page = secPr.Element(Hp + "pagePr");
            if ((string?)page?.Attribute("width") != A4Width.ToString(System.Globalization.CultureInfo.InvariantCulture) ||
                (string?)page?.Attribute("height") != A4Height.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                violations.Add($"{name}: page is {(string?)page?.Attribute("width")}×{(string?)page?.Attribute("height")}, not A4 {A4Width}×{A4Height}");
            }

            if (firstRun!.Element(Hp + "ctrl")?.Element(Hp + "colPr") is null)
            {
                violations.Add($"{name}: the run with hp:secPr has no hp:ctrl/hp:colPr");
            }

            if (!ids.Numberings.Contains((string?)secPr.Attribute("outlineShapeIDRef") ?? ""))
            {
                violations.Add($"{name}: secPr outlineShapeIDRef names no numbering");
            }
        }

        if (sec.Descendants(Hp + "secPr").Count() != 1)
        {
            violations.Add($"{name}: expected exactly one hp:secPr");
        }

        var tableIndex = 0;
        foreach (var table in sec.Descendants(Hp + "tbl"))
        {
            CheckTable($"{name} table {++tableIndex}", table, violations);
        }

        var pictureIndex = 0;
        foreach (var picture in sec.Descendants(Hp + "pic"))
        {
            CheckPicture($"{name} picture {++pictureIndex}", picture, manifest, entries, violations);
        }
    }

    /// <summary>
    /// A picture sits in a run, has its children in Hancom's order, a positive size no wider than the page, and an
    /// <c>hc:img</c> whose <c>binaryItemIDRef</c> names a content.hpf item that is a BinData entry of the package.
    /// </summary>
    private static void CheckPicture(string where, XElement picture, Dictionary<string, XElement> manifest, Dictionary<string, byte[]> entries, List<string> violations)
    {
        if (picture.Parent?.Name != Hp + "run")
        {
            violations.Add($"{where}: hp:pic is not inside an hp:run");
        }

        var children = picture.Elements().Select(e => e.Name.LocalName).ToList();
        var position = 0;
        string? missing = null;
        foreach (var (child, required) in PicChildren)
        {
            if (position < children.Count && children[position] == child)
            {
                position++;
            }
            else if (required)
            {
                missing = child;
                break;
            }
        }

        if (missing is not null)
        {
            violations.Add($"{where}: children [{string.Join(", ", children)}] lack {missing} or are out of Hancom's order");
        }
        else if (position < children.Count)
        {
            violations.Add($"{where}: unexpected child {children[position]}");
        }

        if (picture.Element(Hc + "img") is null && picture.Element(Hp + "img") is not null)
        {
            violations.Add($"{where}: the image is hp:img, must be hc:img (core namespace)");
        }

        var size = picture.Element(Hp + "sz");
        var width = Int(size, "width");
        var height = Int(size, "height");
        if (width <= 0 || height <= 0 || width > A4Width)
        {
            violations.Add($"{where}: hp:sz {width}×{height} is not a positive size within the page width {A4Width}");
        }

        var current = picture.Element(Hp + "curSz");
        if (Int(current, "width") != width || Int(current, "height") != height)
        {
            violations.Add($"{where}: hp:curSz differs from hp:sz");
        }

        var reference = (string?)picture.Element(Hc + "img")?.Attribute("binaryItemIDRef");
        if (reference is null || !manifest.TryGetValue(reference, out var item))
        {
            violations.Add($"{where}: hc:img binaryItemIDRef={reference ?? "(none)"} names no item of content.hpf");
        }
        else if (!entries.ContainsKey((string?)item.Attribute("href") ?? ""))
        {
            violations.Add($"{where}: content.hpf item {reference} points at {(string?)item.Attribute("href")}, which is not in the package");
        }
    }

    private static Dictionary<string, XElement> Manifest(XDocument content) =>
        content.Root?.Element(Opf + "manifest")?.Elements(Opf + "item")
            .GroupBy(i => (string?)i.Attribute("id") ?? "")
            .ToDictionary(g => g.Key, g => g.First()) ?? [];

    /// <summary>
    /// Every <c>BinData/</c> entry is a content.hpf item with <c>isEmbeded="1"</c> (Hancom's spelling) and a media type
    /// its bytes bear out; every such item is in the package.
    /// </summary>
    private static void CheckBinData(Dictionary<string, XElement> manifest, Dictionary<string, byte[]> entries, List<string> violations)
    {
        var listed = manifest.Values.Where(i => ((string?)i.Attribute("href") ?? "").StartsWith("BinData/", StringComparison.Ordinal)).ToList();
        foreach (var entry in entries.Keys.Where(e => e.StartsWith("BinData/", StringComparison.Ordinal)))
        {
            if (!listed.Any(i => (string?)i.Attribute("href") == entry))
            {
                violations.Add($"content.hpf: {entry} is in the package but not in the manifest");
            }
        }

        foreach (var item in listed)
        {
            var href = (string)item.Attribute("href")!;
            if ((string?)item.Attribute("isEmbeded") != "1")
            {
                violations.Add($"content.hpf: item {href} lacks isEmbeded=\"1\"");
            }

            if (!entries.TryGetValue(href, out var bytes))
            {
                continue;
            }

            var mediaType = (string?)item.Attribute("media-type");
            var actual = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) ? "image/png"
                : bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8]) ? "image/jpeg"
                : null;
            if (actual is null || mediaType != actual)
            {
                violations.Add($"content.hpf: item {href} has media-type {mediaType}, its bytes are {actual ?? "no PNG or JPEG"}");
            }
        }
    }

    private static void CheckTable(string where, XElement table, List<string> violations)
    {
        if (table.Parent?.Name != Hp + "run")
        {
            violations.Add($"{where}: hp:tbl is not inside an hp:run");
        }

        var children = table.Elements().Select(e => e.Name.LocalName).ToList();
        var head = children.TakeWhile(c => c != "tr").ToList();
        if (!head.SequenceEqual(["sz", "pos", "outMargin", "inMargin"]) || children.Skip(head.Count).Any(c => c != "tr"))
        {
            violations.Add($"{where}: children [{string.Join(", ", children)}] are not sz, pos, outMargin, inMargin, tr*");
        }

        if (!int.TryParse((string?)table.Attribute("rowCnt"), out var rowCount) ||
            !int.TryParse((string?)table.Attribute("colCnt"), out var columnCount) || rowCount < 1 || columnCount < 1)
        {
            violations.Add($"{where}: rowCnt/colCnt missing or not positive");
            return;
        }

        var rows = table.Elements(Hp + "tr").ToList();
        if (rows.Count != rowCount)
        {
            violations.Add($"{where}: rowCnt={rowCount} but {rows.Count} hp:tr");
        }

        var covered = new int[rowCount, columnCount];
        for (var r = 0; r < rows.Count; r++)
        {
            var previousColumn = -1;
            foreach (var cell in rows[r].Elements(Hp + "tc"))
            {
                var names = cell.Elements().Select(e => e.Name.LocalName).ToList();
                if (!names.SequenceEqual(TcChildren))
                {
                    violations.Add($"{where}: hp:tc children [{string.Join(", ", names)}] are not {string.Join(", ", TcChildren)}");
                    continue;
                }

                if (!cell.Element(Hp + "subList")!.Elements(Hp + "p").Any())
                {
                    violations.Add($"{where}: hp:tc subList has no hp:p");
                }

                var column = Int(cell.Element(Hp + "cellAddr"), "colAddr");
                var row = Int(cell.Element(Hp + "cellAddr"), "rowAddr");
                var columnSpan = Int(cell.Element(Hp + "cellSpan"), "colSpan");
                var rowSpan = Int(cell.Element(Hp + "cellSpan"), "rowSpan");
                if (Int(cell.Element(Hp + "cellSz"), "width") <= 0 || Int(cell.Element(Hp + "cellSz"), "height") <= 0)
                {
                    violations.Add($"{where}: cell ({row},{column}) has no positive cellSz");
                }

                if (row != r)
                {
                    violations.Add($"{where}: cell in row {r} has rowAddr {row}");
                }

                if (column <= previousColumn)
                {
                    violations.Add($"{where}: row {r} cells are not in column order");
                }

                previousColumn = column;
                if (column < 0 || column >= columnCount || row < 0 || row >= rowCount || columnSpan < 1 || rowSpan < 1 ||
                    column + columnSpan > columnCount || row + rowSpan > rowCount)
                {
                    violations.Add($"{where}: cell at ({row},{column}) span {rowSpan}×{columnSpan} lies outside the {rowCount}×{columnCount} grid");
                    continue;
                }

                for (var dr = 0; dr < rowSpan; dr++)
                {
                    for (var dc = 0; dc < columnSpan; dc++)
                    {
                        covered[row + dr, column + dc]++;
                    }
                }
            }
        }

        for (var r = 0; r < rowCount; r++)
        {
            for (var c = 0; c < columnCount; c++)
            {
                if (covered[r, c] != 1)
                {
                    violations.Add($"{where}: grid slot ({r},{c}) is covered by {covered[r, c]} cells, must be exactly 1");
                }
            }
        }
    }

    private static int Int(XElement? element, string attribute) =>
        int.TryParse((string?)element?.Attribute(attribute), out var value) ? value : -1;

    private static void CheckContent(XDocument content, List<string> sections, Dictionary<string, byte[]> entries, List<string> violations)
    {
        var package = content.Root!;
        if (package.Name != Opf + "package")
        {
            violations.Add($"content.hpf: root is {package.Name}, not package in {Opf.NamespaceName}");
            return;
        }

        var items = package.Element(Opf + "manifest")?.Elements(Opf + "item")
            .ToDictionary(i => (string?)i.Attribute("id") ?? "", i => (string?)i.Attribute("href") ?? "") ?? [];
        foreach (var href in items.Values.Where(h => !entries.ContainsKey(h)))
        {
            violations.Add($"content.hpf: manifest lists {href}, which is not in the package");
        }

        var expected = new List<string> { "Contents/header.xml" };
        expected.AddRange(sections);
        foreach (var path in expected.Where(p => !items.ContainsValue(p)))
        {
            violations.Add($"content.hpf: manifest does not list {path}");
        }

        var spine = package.Element(Opf + "spine")?.Elements(Opf + "itemref")
            .Select(r => items.GetValueOrDefault((string?)r.Attribute("idref") ?? "", "?")).ToList() ?? [];
        if (!spine.SequenceEqual(expected))
        {
            violations.Add($"content.hpf: spine is [{string.Join(", ", spine)}], must be header then sections in order");
        }
    }

    private static void CheckContainer(XDocument container, Dictionary<string, byte[]> entries, List<string> violations)
    {
        var rootfiles = container.Root?.Element(Ocf + "rootfiles")?.Elements(Ocf + "rootfile").ToList() ?? [];
        if (!rootfiles.Any(r => (string?)r.Attribute("full-path") == "Contents/content.hpf" &&
                                (string?)r.Attribute("media-type") == "application/hwpml-package+xml"))
        {
            violations.Add("container.xml: no rootfile Contents/content.hpf of type application/hwpml-package+xml");
        }

        foreach (var path in rootfiles.Select(r => (string?)r.Attribute("full-path") ?? "").Where(p => !entries.ContainsKey(p)))
        {
            violations.Add($"container.xml: rootfile {path} is not in the package");
        }
    }

    private static int SectionIndex(string name) =>
        int.Parse(SectionName().Match(name).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Contents/section(\d+)\.xml$")]
    private static partial Regex SectionName();
}
