using System.Text;
using System.Xml;

namespace MeetingBot.Reports.Hwpx;

/// <summary>OWPML namespaces, page geometry and the XmlWriter setup every part shares.</summary>
internal static class Owpml
{
    public const string Ha = "http://www.hancom.co.kr/hwpml/2011/app";
    public const string Hp = "http://www.hancom.co.kr/hwpml/2011/paragraph";
    public const string Hp10 = "http://www.hancom.co.kr/hwpml/2016/paragraph";
    public const string Hs = "http://www.hancom.co.kr/hwpml/2011/section";
    public const string Hc = "http://www.hancom.co.kr/hwpml/2011/core";
    public const string Hh = "http://www.hancom.co.kr/hwpml/2011/head";
    public const string Hhs = "http://www.hancom.co.kr/hwpml/2011/history";
    public const string Hm = "http://www.hancom.co.kr/hwpml/2011/master-page";
    public const string Hpf = "http://www.hancom.co.kr/schema/2011/hpf";
    public const string Dc = "http://purl.org/dc/elements/1.1/";

    /// <summary>The trailing slash is part of Hancom's URI; without it Hangul does not find the package.</summary>
    public const string Opf = "http://www.idpf.org/2007/opf/";

    public const string OoxmlChart = "http://www.hancom.co.kr/hwpml/2016/ooxmlchart";
    public const string HwpUnitChar = "http://www.hancom.co.kr/hwpml/2016/HwpUnitChar";
    public const string Epub = "http://www.idpf.org/2007/ops";
    public const string Config = "urn:oasis:names:tc:opendocument:xmlns:config:1.0";
    public const string Hv = "http://www.hancom.co.kr/hwpml/2011/version";
    public const string Ocf = "urn:oasis:names:tc:opendocument:xmlns:container";
    public const string Odf = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Pkg = "http://www.hancom.co.kr/hwpml/2016/meta/pkg#";

    /// <summary>Hangul treats head, section and package roots without the whole set as damaged.</summary>
    private static readonly (string Prefix, string Uri)[] RootNamespaces =
    [
        ("ha", Ha), ("hp", Hp), ("hp10", Hp10), ("hs", Hs), ("hc", Hc), ("hh", Hh), ("hhs", Hhs), ("hm", Hm),
        ("hpf", Hpf), ("dc", Dc), ("opf", Opf), ("ooxmlchart", OoxmlChart), ("hwpunitchar", HwpUnitChar),
        ("epub", Epub), ("config", Config),
    ];

    public const string MimeType = "application/hwp+zip";

    // HWPUNIT: 7200 per inch, 100 per point.
    public const int PageWidth = 59528;
    public const int PageHeight = 84186;
    public const int MarginLeft = 5669;   // 20 mm
    public const int MarginRight = 5669;
    public const int MarginTop = 4252;    // 15 mm
    public const int MarginBottom = 4252;
    public const int MarginHeader = 2835; // 10 mm
    public const int MarginFooter = 2835;
    public const int TextWidth = PageWidth - MarginLeft - MarginRight;

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        OmitXmlDeclaration = true,
        Indent = false,
        CloseOutput = false,
    };

    private static readonly byte[] Declaration =
        Encoding.ASCII.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?>");

    /// <summary>
    /// Opens a part and writes the declaration as Hancom does (<c>standalone="yes"</c>, upper-case UTF-8);
    /// XmlWriter's own declaration spells the encoding in lower case, so it is written by hand.
    /// </summary>
    public static XmlWriter Open(Stream stream)
    {
        stream.Write(Declaration);
        return XmlWriter.Create(stream, Settings);
    }

    public static void DeclareRootNamespaces(XmlWriter writer)
    {
        foreach (var (prefix, uri) in RootNamespaces)
        {
            writer.WriteAttributeString("xmlns", prefix, null, uri);
        }
    }

    public static void Attr(this XmlWriter writer, string name, string value) => writer.WriteAttributeString(name, value);

    public static void Attr(this XmlWriter writer, string name, int value) =>
        writer.WriteAttributeString(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static void Attr(this XmlWriter writer, string name, bool value) => writer.WriteAttributeString(name, value ? "1" : "0");
}
