namespace MeetingBot.Reports.Review;

/// <summary>
/// The files of one approved version, made from the reviewed record: report.json and every document format, in memory,
/// for the store to keep as that version's blobs.
/// </summary>
public static class ReviewRendering
{
    public const string JsonFormat = "json";

    /// <summary>Format (<c>json</c>, <c>md</c>, <c>docx</c>, <c>hwpx</c>) → file bytes.</summary>
    public static IReadOnlyDictionary<string, byte[]> Render(ReviewedReport report, Func<ReviewPhoto, ReadOnlyMemory<byte>> photoBytes, ReportFiles files)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(files);
        var printed = report.ToReport(photoBytes);
        var document = ReportLayout.Build(printed);
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var json = new MemoryStream())
        {
            ReportJson.Write(printed, json);
            result[JsonFormat] = json.ToArray();
        }

        foreach (var writer in files.Writers)
        {
            using var output = new MemoryStream();
            writer.Write(document, output);
            result[writer.Format] = output.ToArray();
        }

        return result;
    }
}
