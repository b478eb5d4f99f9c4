using System.IO.Compression;
using System.Text;

namespace MeetingBot.Reports.Hwpx;

/// <summary>
/// Writes the report as an HWPX (OWPML, KS X 6101) package with System.IO.Compression and XmlWriter, following
/// REPORT-FORMAT.md: <c>mimetype</c> first and stored, the full namespace set and <c>standalone="yes"</c> on the
/// OWPML parts, no <c>hp:linesegarray</c> (Hangul lays the text out itself). Photos go to <c>BinData/</c>, listed
/// in content.hpf only: Hancom's header has no list of binary items (its <c>hh:refList</c> has none in OWPML).
/// </summary>
public sealed class HwpxWriter : IDocumentWriter
{
    private const int SectionCount = 1;

    private static readonly byte[] MimeTypeBytes = Encoding.ASCII.GetBytes(Owpml.MimeType);

    private readonly TimeProvider _time;

    public HwpxWriter()
        : this(TimeProvider.System)
    {
    }

    public HwpxWriter(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    public string Format => "hwpx";

    public string ContentType => Owpml.MimeType;

    public int Write(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);

        // On a stream that cannot seek back, ZipArchive adds data descriptors, which Hangul rejects for the
        // stored mimetype entry; build the package in memory first.
        if (!output.CanSeek || output.Position != 0)
        {
            using var buffer = new MemoryStream();
            var replaced = WritePackage(document, buffer);
            buffer.Position = 0;
            buffer.CopyTo(output);
            return replaced;
        }

        return WritePackage(document, output);
    }

    private int WritePackage(ReportDocument document, Stream output)
    {
        var now = _time.GetLocalNow();
        var preview = new StringBuilder(4096);
        var replaced = 0;
        var pictures = HwpxPicture.Number(document);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "mimetype", CompressionLevel.NoCompression, now, s => s.Write(MimeTypeBytes));
            Add(zip, "version.xml", CompressionLevel.Optimal, now, HwpxPackageParts.WriteVersion);
            Add(zip, HwpxPackageParts.HeaderPath, CompressionLevel.Optimal, now, s => HwpxHeader.Write(s, SectionCount));
            Add(zip, HwpxPackageParts.SectionPath(0), CompressionLevel.Optimal, now,
                s => replaced += HwpxSection.Write(s, document, preview, pictures));
            Add(zip, HwpxPackageParts.SettingsPath, CompressionLevel.Optimal, now, HwpxPackageParts.WriteSettings);
            Add(zip, HwpxPackageParts.PreviewPath, CompressionLevel.Optimal, now,
                s => s.Write(Encoding.UTF8.GetBytes(preview.ToString())));
            Add(zip, HwpxPackageParts.ContentPath, CompressionLevel.Optimal, now,
                s => HwpxPackageParts.WriteContent(s, TitleForMetadata(document.Title), SectionCount, pictures.Values, now));

            // Pictures are stored as they are: PNG and JPEG are compressed already, and Hancom stores them so too.
            foreach (var picture in pictures.Values)
            {
                Add(zip, picture.Path, CompressionLevel.NoCompression, now, s => s.Write(picture.Block.Data.Span));
            }

            Add(zip, "META-INF/container.xml", CompressionLevel.Optimal, now, HwpxPackageParts.WriteContainer);
            Add(zip, "META-INF/manifest.xml", CompressionLevel.Optimal, now, HwpxPackageParts.WriteManifest);
            Add(zip, HwpxPackageParts.RdfPath, CompressionLevel.Optimal, now, s => HwpxPackageParts.WriteRdf(s, SectionCount));
        }

        return replaced;
    }

    /// <summary>The section counts replaced characters of the title already; the metadata copy is one line.</summary>
    private static string TitleForMetadata(string title) =>
        XmlText.Clean(title, out _).Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');

    private static void Add(ZipArchive zip, string name, CompressionLevel level, DateTimeOffset time, Action<Stream> write)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = time;
        using var stream = entry.Open();
        write(stream);
    }
}
