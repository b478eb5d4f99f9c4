using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using MeetingBot.Reports.Hwpx;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Reports.Tests.Hwpx;

/// <summary>A package written by <see cref="HwpxWriter"/> in a test, with its entries at hand.</summary>
public sealed class HwpxPackage
{
    public static readonly XNamespace Hp = "http://www.hancom.co.kr/hwpml/2011/paragraph";
    public static readonly XNamespace Hh = "http://www.hancom.co.kr/hwpml/2011/head";
    public static readonly XNamespace Hc = "http://www.hancom.co.kr/hwpml/2011/core";

    private HwpxPackage(byte[] bytes, int replaced, IReadOnlyList<(string Name, byte[] Content)> entries)
    {
        Bytes = bytes;
        Replaced = replaced;
        Entries = entries;
    }

    public byte[] Bytes { get; }
    public int Replaced { get; }
    public IReadOnlyList<(string Name, byte[] Content)> Entries { get; }

    public static HwpxPackage Write(ReportDocument document)
    {
        var writer = new HwpxWriter(new FakeTimeProvider(new DateTimeOffset(2020, 9, 15, 14, 50, 0, TimeSpan.FromHours(9))));
        using var output = new MemoryStream();
        var replaced = writer.Write(document, output);
        return FromBytes(output.ToArray(), replaced);
    }

    public static HwpxPackage FromBytes(byte[] bytes, int replaced = 0)
    {
        var entries = new List<(string, byte[])>();
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            entries.Add((entry.FullName, copy.ToArray()));
        }

        return new HwpxPackage(bytes, replaced, entries);
    }

    public string Text(string name) => Encoding.UTF8.GetString(Entries.Single(e => e.Name == name).Content);

    public XDocument Xml(string name) => XDocument.Parse(Text(name));

    public XDocument Header => Xml("Contents/header.xml");

    public XDocument Section => Xml("Contents/section0.xml");

    /// <summary>
    /// Rebuilds the archive with <paramref name="change"/> applied to its text parts, keeping mimetype first and stored;
    /// entries <paramref name="keep"/> refuses are left out.
    /// </summary>
    public byte[] Rewrite(Func<string, string, string> change, bool compressMimetype = false, bool mimetypeLast = false, Func<string, bool>? keep = null)
    {
        var entries = Entries.Select(e => (e.Name, Content: e.Name.EndsWith(".txt", StringComparison.Ordinal) || e.Name == "mimetype" || e.Name.StartsWith("BinData/", StringComparison.Ordinal)
            ? e.Content
            : Encoding.UTF8.GetBytes(change(e.Name, Encoding.UTF8.GetString(e.Content))))).Where(e => keep?.Invoke(e.Name) ?? true).ToList();
        if (mimetypeLast)
        {
            entries = [.. entries.Where(e => e.Name != "mimetype"), .. entries.Where(e => e.Name == "mimetype")];
        }

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var level = name == "mimetype" && !compressMimetype ? CompressionLevel.NoCompression : CompressionLevel.Optimal;
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    /// <summary>The header's element of <paramref name="kind"/> (charPr, paraPr, borderFill) with that id.</summary>
    public XElement HeaderItem(string kind, string? id) =>
        Header.Descendants(Hh + kind).Single(e => (string?)e.Attribute("id") == id);

    /// <summary>The top-level paragraph whose text is <paramref name="text"/>.</summary>
    public XElement Paragraph(string text) =>
        Section.Root!.Elements(Hp + "p").Single(p => string.Concat(p.Elements(Hp + "run").Elements(Hp + "t").Select(t => t.Value)) == text);

    public string FontFace(XElement charPr)
    {
        var id = (string?)charPr.Element(Hh + "fontRef")!.Attribute("hangul");
        var hangul = Header.Descendants(Hh + "fontface").Single(f => (string?)f.Attribute("lang") == "HANGUL");
        return (string)hangul.Elements(Hh + "font").Single(f => (string?)f.Attribute("id") == id).Attribute("face")!;
    }

    /// <summary><paramref name="text"/> with the first <paramref name="find"/> replaced; fails the test when there is none.</summary>
    public static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' not found");
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }
}
