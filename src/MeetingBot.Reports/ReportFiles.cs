using System.Text;
using MeetingBot.Reports.Docx;
using MeetingBot.Reports.Hwpx;
using MeetingBot.Reports.Markdown;

namespace MeetingBot.Reports;

/// <summary>Writes a report in every format: <c>report.json</c> plus one file per document writer.</summary>
public sealed class ReportFiles(IEnumerable<IDocumentWriter> writers)
{
    private readonly IReadOnlyList<IDocumentWriter> _writers = [.. writers];

    public IReadOnlyList<IDocumentWriter> Writers => _writers;

    /// <summary>Markdown, DOCX and HWPX: every format staff receive.</summary>
    public static ReportFiles Default() => new([new MarkdownWriter(), new DocxWriter(), new HwpxWriter()]);

    public IDocumentWriter? Find(string format) =>
        _writers.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));

    public const string PhotoFolder = "photos";

    /// <summary>
    /// Writes <c>report.*</c> into <paramref name="folder"/>, and each photo as <c>photos/{fileName}</c> (what
    /// report.json names and report.md links). Each file is written beside its final name and moved into place, so a
    /// failure never leaves a half-written report where a good one was.
    /// </summary>
    public async Task<ReportFilesResult> WriteAsync(Report report, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(folder);
        var document = ReportLayout.Build(report);
        var paths = new List<string>();
        var replaced = 0;
        paths.Add(await WriteFileAsync(Path.Combine(folder, "report.json"), s => { ReportJson.Write(report, s); return 0; }, cancellationToken).ConfigureAwait(false));
        foreach (var photo in report.Photos.Where(p => !p.Data.IsEmpty))
        {
            var photos = Directory.CreateDirectory(Path.Combine(folder, PhotoFolder));
            paths.Add(await WriteFileAsync(Path.Combine(photos.FullName, photo.FileName), s => { s.Write(photo.Data.Span); return 0; }, cancellationToken).ConfigureAwait(false));
        }

        foreach (var writer in _writers)
        {
            var path = Path.Combine(folder, $"report.{writer.Format}");
            var count = 0;
            paths.Add(await WriteFileAsync(path, s => count = writer.Write(document, s), cancellationToken).ConfigureAwait(false));
            replaced = Math.Max(replaced, count);
        }

        return new ReportFilesResult(paths, replaced);
    }

    /// <summary>
    /// The report read back from report.json with its photos' bytes from <c>photos/</c> in <paramref name="folder"/>,
    /// so it renders as written. A photo whose file is gone stays without bytes (the layout says so in Ⅲ).
    /// </summary>
    public static async Task<Report> ReadPhotosAsync(Report report, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var photos = new List<ReportPhoto>(report.Photos.Count);
        foreach (var photo in report.Photos)
        {
            try
            {
                photos.Add(photo with { Data = await File.ReadAllBytesAsync(Path.Combine(folder, PhotoFolder, photo.FileName), cancellationToken).ConfigureAwait(false) });
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                photos.Add(photo);
            }
        }

        return report with { Photos = photos };
    }

    public static async Task<string> WriteFileAsync(string path, Func<Stream, int> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temp = path + ".tmp";
        var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        await using (stream.ConfigureAwait(false))
        {
            write(stream);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }

    public static Task<string> WriteTextAsync(string path, string text, CancellationToken cancellationToken) =>
        WriteFileAsync(path, s => { s.Write(new UTF8Encoding(false).GetBytes(text)); return 0; }, cancellationToken);
}

/// <summary>The files written, and how many characters XML forbids had to be replaced (the most in any one format).</summary>
public sealed record ReportFilesResult(IReadOnlyList<string> Paths, int ReplacedCharacters);
