namespace MeetingBot.Reports;

/// <summary>Renders a laid-out report into one file format (Markdown, DOCX, HWPX).</summary>
public interface IDocumentWriter
{
    /// <summary>File extension without the dot, also the <c>format=</c> value of the staff API.</summary>
    string Format { get; }

    string ContentType { get; }

    /// <summary>Writes the document. Returns how many characters XML forbids were replaced (to be logged).</summary>
    int Write(ReportDocument document, Stream output);
}
