using System.Globalization;

namespace MeetingBot.Reports.Hwpx;

/// <summary>The small package parts, written as Hancom writes them.</summary>
internal static class HwpxPackageParts
{
    public const string HeaderPath = "Contents/header.xml";
    public const string ContentPath = "Contents/content.hpf";
    public const string SettingsPath = "settings.xml";
    public const string PreviewPath = "Preview/PrvText.txt";
    public const string RdfPath = "META-INF/container.rdf";

    public static string SectionPath(int index) => $"Contents/section{index}.xml";

    /// <summary>
    /// version.xml. Hancom spells the attribute <c>tagetApplication</c>; the application fields name Hangul
    /// because that is what readers key the format version on.
    /// </summary>
    public static void WriteVersion(Stream stream)
    {
        using var w = Owpml.Open(stream);
        w.WriteStartElement("hv", "HCFVersion", Owpml.Hv);
        w.Attr("tagetApplication", "WORDPROCESSOR");
        w.Attr("major", 5);
        w.Attr("minor", 1);
        w.Attr("micro", 1);
        w.Attr("buildNumber", 0);
        w.Attr("os", 1);
        w.Attr("xmlVersion", "1.5");
        w.Attr("application", "Hancom Office Hangul");
        w.Attr("appVersion", "12, 0, 0, 0 WIN32LEWindows_10");
        w.WriteEndElement();
    }

    public static void WriteSettings(Stream stream)
    {
        using var w = Owpml.Open(stream);
        w.WriteStartElement("ha", "HWPApplicationSetting", Owpml.Ha);
        w.WriteAttributeString("xmlns", "config", null, Owpml.Config);
        w.WriteStartElement("ha", "CaretPosition", Owpml.Ha);
        w.Attr("listIDRef", 0);
        w.Attr("paraIDRef", 0);
        w.Attr("pos", 0);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    public static void WriteContainer(Stream stream)
    {
        using var w = Owpml.Open(stream);
        w.WriteStartElement("ocf", "container", Owpml.Ocf);
        w.WriteAttributeString("xmlns", "hpf", null, Owpml.Hpf);
        w.WriteStartElement("ocf", "rootfiles", Owpml.Ocf);
        foreach (var (path, mediaType) in (ReadOnlySpan<(string, string)>)
                 [(ContentPath, "application/hwpml-package+xml"), (PreviewPath, "text/plain"), (RdfPath, "application/rdf+xml")])
        {
            w.WriteStartElement("ocf", "rootfile", Owpml.Ocf);
            w.Attr("full-path", path);
            w.Attr("media-type", mediaType);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    public static void WriteManifest(Stream stream)
    {
        using var w = Owpml.Open(stream);
        w.WriteStartElement("odf", "manifest", Owpml.Odf);
        w.WriteEndElement();
    }

    public static void WriteRdf(Stream stream, int sectionCount)
    {
        using var w = Owpml.Open(stream);
        w.WriteStartElement("rdf", "RDF", Owpml.Rdf);
        WritePart(HeaderPath, "HeaderFile");
        for (var i = 0; i < sectionCount; i++)
        {
            WritePart(SectionPath(i), "SectionFile");
        }

        w.WriteStartElement("rdf", "Description", Owpml.Rdf);
        w.WriteAttributeString("rdf", "about", Owpml.Rdf, "");
        WriteType(Owpml.Pkg + "Document");
        w.WriteEndElement();
        w.WriteEndElement();

        void WritePart(string path, string type)
        {
            w.WriteStartElement("rdf", "Description", Owpml.Rdf);
            w.WriteAttributeString("rdf", "about", Owpml.Rdf, "");
            w.WriteStartElement("pkg", "hasPart", Owpml.Pkg);
            w.WriteAttributeString("rdf", "resource", Owpml.Rdf, path);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("rdf", "Description", Owpml.Rdf);
            w.WriteAttributeString("rdf", "about", Owpml.Rdf, path);
            WriteType(Owpml.Pkg + type);
            w.WriteEndElement();
        }

        void WriteType(string resource)
        {
            w.WriteStartElement("rdf", "type", Owpml.Rdf);
            w.WriteAttributeString("rdf", "resource", Owpml.Rdf, resource);
            w.WriteEndElement();
        }
    }

    /// <summary>
    /// Contents/content.hpf: the OPF package Hangul opens first; the spine is header then sections. The manifest also
    /// lists each embedded picture, under the id its <c>hc:img binaryItemIDRef</c> names.
    /// </summary>
    public static void WriteContent(Stream stream, string title, int sectionCount, IEnumerable<HwpxPicture> pictures, DateTimeOffset now)
    {
        using var w = Owpml.Open(stream);
        w.WriteStartElement("opf", "package", Owpml.Opf);
        Owpml.DeclareRootNamespaces(w);
        w.Attr("version", "");
        w.Attr("unique-identifier", "");
        w.Attr("id", "");

        var stamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        w.WriteStartElement("opf", "metadata", Owpml.Opf);
        w.WriteElementString("opf", "title", Owpml.Opf, title);
        w.WriteElementString("opf", "language", Owpml.Opf, "ko");
        foreach (var (name, value) in (ReadOnlySpan<(string, string)>)
                 [("creator", HwpxStrings.Creator), ("lastsaveby", HwpxStrings.Creator), ("CreatedDate", stamp), ("ModifiedDate", stamp)])
        {
            w.WriteStartElement("opf", "meta", Owpml.Opf);
            w.Attr("name", name);
            w.Attr("content", "text");
            w.WriteString(value);
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("opf", "manifest", Owpml.Opf);
        WriteItem("header", HeaderPath);
        foreach (var picture in pictures)
        {
            w.WriteStartElement("opf", "item", Owpml.Opf);
            w.Attr("id", picture.Id);
            w.Attr("href", picture.Path);
            w.Attr("media-type", picture.Block.ContentType);

            // Hancom's spelling.
            w.Attr("isEmbeded", true);
            w.WriteEndElement();
        }

        for (var i = 0; i < sectionCount; i++)
        {
            WriteItem($"section{i}", SectionPath(i));
        }

        WriteItem("settings", SettingsPath);
        w.WriteEndElement();

        w.WriteStartElement("opf", "spine", Owpml.Opf);
        WriteItemRef("header");
        for (var i = 0; i < sectionCount; i++)
        {
            WriteItemRef($"section{i}");
        }

        w.WriteEndElement();
        w.WriteEndElement();

        void WriteItem(string id, string href)
        {
            w.WriteStartElement("opf", "item", Owpml.Opf);
            w.Attr("id", id);
            w.Attr("href", href);
            w.Attr("media-type", "application/xml");
            w.WriteEndElement();
        }

        void WriteItemRef(string id)
        {
            w.WriteStartElement("opf", "itemref", Owpml.Opf);
            w.Attr("idref", id);
            w.Attr("linear", "yes");
            w.WriteEndElement();
        }
    }
}
