using System.Globalization;
using MeetingBot.Core;
using MeetingBot.Reports;

namespace MeetingBot.Host.Cli;

/// <summary>
/// The photos of a replayed folder: <c>DIR/photos/{meetingId}.jpg|png</c> or <c>{meetingId}-N.jpg|png</c>, each
/// captioned <c>{분과}분과회의</c> unless <c>photos/captions.txt</c> gives another (<c>파일이름: 설명</c>, one a line,
/// <c>#</c> starts a comment). Any other file there, or a file that is no PNG or JPEG, is an error naming it.
/// </summary>
public static class SimulatePhotos
{
    public const string Folder = "photos";
    public const string CaptionsFile = "captions.txt";

    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    /// <summary>The photos for <paramref name="meetings"/> (the meetings replayed), in their order and then by N.</summary>
    public static IReadOnlyList<ReportPhoto> Read(string dir, IReadOnlyList<MeetingDefinition> meetings)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var folder = Path.Combine(dir, Folder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var files = Directory.GetFiles(folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => !f.StartsWith('.') && f != CaptionsFile)
            .Order(StringComparer.Ordinal)
            .ToList();
        var captions = ReadCaptions(Path.Combine(folder, CaptionsFile), files);

        // The longest id first, so "a-b-1.png" is photo 1 of "a-b" when there is also a meeting "a".
        var byLength = meetings.OrderByDescending(m => m.Id.Length).ToList();
        var order = meetings.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var photos = new List<(int Meeting, int Number, ReportPhoto Photo)>();
        foreach (var file in files)
        {
            var where = Path.Combine(folder, file);
            var (meeting, number) = Match(file, byLength) ?? throw new MeetingBotException(SimulatePhotosText.NotAPhotoName(where, meetings.Select(m => m.Id)));
            var bytes = File.ReadAllBytes(where);
            if (ImageInfo.Read(bytes) is null)
            {
                throw new MeetingBotException(SimulatePhotosText.NotAPicture(where));
            }

            var caption = captions.GetValueOrDefault(file) ?? ReportPhoto.DefaultCaption(meeting.Subcommittee);
            photos.Add((order[meeting.Id], number, ReportPhoto.Create(file, meeting.Id, caption, bytes)));
        }

        return [.. photos.OrderBy(p => p.Meeting).ThenBy(p => p.Number).Select(p => p.Photo)];
    }

    /// <summary>The meeting a file name belongs to and its N (0 without one); null when it names none.</summary>
    private static (MeetingDefinition Meeting, int Number)? Match(string file, IReadOnlyList<MeetingDefinition> meetings)
    {
        var extension = Path.GetExtension(file);
        if (!Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        var stem = file[..^extension.Length];
        foreach (var meeting in meetings)
        {
            if (stem == meeting.Id)
            {
                return (meeting, 0);
            }

            if (stem.StartsWith(meeting.Id + "-", StringComparison.Ordinal) &&
                int.TryParse(stem.AsSpan(meeting.Id.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return (meeting, number);
            }
        }

        return null;
    }

    private static Dictionary<string, string> ReadCaptions(string path, IReadOnlyList<string> files)
    {
        var captions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return captions;
        }

        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var file = colon > 0 ? line[..colon].Trim() : "";
            var caption = colon > 0 ? line[(colon + 1)..].Trim() : "";
            if (file.Length == 0 || caption.Length == 0)
            {
                throw new MeetingBotException(SimulatePhotosText.BadCaptionLine(path, i + 1));
            }

            if (!files.Contains(file, StringComparer.Ordinal))
            {
                throw new MeetingBotException(SimulatePhotosText.CaptionForNoPhoto(path, i + 1, file));
            }

            if (!captions.TryAdd(file, caption))
            {
                throw new MeetingBotException(SimulatePhotosText.CaptionTwice(path, i + 1, file));
            }
        }

        return captions;
    }
}

internal static class SimulatePhotosText
{
    public static string NotAPhotoName(string path, IEnumerable<string> meetingIds) =>
        $"{path}: 사진 파일 이름은 '회의ID.jpg', '회의ID.png' 또는 '회의ID-번호.jpg|png'여야 합니다(재생한 회의: {string.Join(", ", meetingIds)}).";

    public static string NotAPicture(string path) => $"{path}: PNG나 JPEG 그림이 아닙니다.";

    public static string BadCaptionLine(string path, int line) =>
        $"{path}:{line}: '파일이름: 설명' 형식이어야 합니다(예: ydp-2020-09-strategy.png: 전략사업분과회의).";

    public static string CaptionForNoPhoto(string path, int line, string file) => $"{path}:{line}: '{file}' 사진 파일이 없습니다.";

    public static string CaptionTwice(string path, int line, string file) => $"{path}:{line}: '{file}'의 설명이 두 번 있습니다.";
}
