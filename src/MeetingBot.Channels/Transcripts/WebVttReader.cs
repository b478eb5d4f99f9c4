using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;

namespace MeetingBot.Channels.Transcripts;

/// <summary>
/// Reads a WebVTT transcript (Teams' <c>content?$format=text/vtt</c>, Meet's and most recorders' exports) into cues:
/// cue ids, <c>HH:MM:SS.mmm</c>, <c>MM:SS.mmm</c> and <c>H:M:S.f</c> times, <c>&lt;v Name&gt;</c> with or without
/// <c>&lt;/v&gt;</c>, multi-line cues, NOTE/STYLE/REGION blocks and a BOM. Cue times count from the instant of a
/// <c>NOTE start=…</c> line, else from <c>defaultStart</c> (the meeting's actual start, SPEC §9).
/// </summary>
public static partial class WebVttReader
{
    public const long MaxBytes = 16 * 1024 * 1024;

    public static IReadOnlyList<TranscriptCue> ReadFile(string path, DateTimeOffset? defaultStart)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (info.Length > MaxBytes)
        {
            throw new MeetingBotException(TranscriptFileTexts.TooLarge(MaxBytes), path);
        }

        return Read(File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true)), path, defaultStart);
    }

    /// <param name="file">Named in every error, with the line.</param>
    public static IReadOnlyList<TranscriptCue> Read(string text, string file, DateTimeOffset? defaultStart)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || !(lines[0] == "WEBVTT" || lines[0].StartsWith("WEBVTT ", StringComparison.Ordinal) || lines[0].StartsWith("WEBVTT\t", StringComparison.Ordinal)))
        {
            throw new MeetingBotException(TranscriptFileTexts.NoHeader, file, 1);
        }

        DateTimeOffset? noteStart = null;
        var raw = new List<(string? Id, TimeSpan Start, TimeSpan End, string Speaker, string Text, int Line)>();
        var i = 1;
        while (i < lines.Length)
        {
            if (lines[i].Trim().Length == 0)
            {
                i++;
                continue;
            }

            var blockStart = i;
            var block = new List<string>();
            while (i < lines.Length && lines[i].Trim().Length > 0)
            {
                block.Add(lines[i]);
                i++;
            }

            var head = block[0];
            if (head == "NOTE" || head.StartsWith("NOTE ", StringComparison.Ordinal) || head.StartsWith("NOTE\t", StringComparison.Ordinal))
            {
                for (var n = 0; n < block.Count; n++)
                {
                    if (StartNote().Match(block[n]) is { Success: true } m)
                    {
                        noteStart = ParseInstant(m.Groups[1].Value, file, blockStart + n + 1);
                    }
                }

                continue;
            }

            if (!head.Contains("-->", StringComparison.Ordinal) && (head.StartsWith("STYLE", StringComparison.Ordinal) || head.StartsWith("REGION", StringComparison.Ordinal)))
            {
                continue;
            }

            var timingAt = head.Contains("-->", StringComparison.Ordinal) ? 0 : 1;
            string? id = timingAt == 1 ? head.Trim() : null;
            if (timingAt >= block.Count)
            {
                throw new MeetingBotException(TranscriptFileTexts.BadTiming(head), file, blockStart + 1);
            }

            var timingLine = block[timingAt];
            var lineNo = blockStart + timingAt + 1;
            var (start, end) = ParseTiming(timingLine, file, lineNo);
            var (speaker, words) = CueText(block.Skip(timingAt + 1));
            raw.Add((id, start, end, speaker, words, lineNo));
        }

        var origin = noteStart ?? defaultStart;
        if (raw.Count > 0 && origin is null)
        {
            throw new MeetingBotException(TranscriptFileTexts.NoStart, file, raw[0].Line);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cues = new List<TranscriptCue>(raw.Count);
        for (var n = 0; n < raw.Count; n++)
        {
            var cue = raw[n];
            var id = cue.Id ?? $"vtt-{n + 1}";
            if (!seen.Add(id))
            {
                throw new MeetingBotException(TranscriptFileTexts.DuplicateId(id), file, cue.Line - 1);
            }

            if (cue.Text.Length == 0)
            {
                throw new MeetingBotException(TranscriptFileTexts.NoText(id), file, cue.Line);
            }

            cues.Add(new TranscriptCue(id, cue.Speaker, origin!.Value + cue.Start, origin.Value + cue.End, cue.Text));
        }

        return cues;
    }

    private static DateTimeOffset ParseInstant(string value, string file, int line) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && HasOffset().IsMatch(value)
            ? instant
            : throw new MeetingBotException(TranscriptFileTexts.BadStart(value), file, line);

    private static (TimeSpan Start, TimeSpan End) ParseTiming(string line, string file, int lineNo)
    {
        var parts = line.Split("-->", 2, StringSplitOptions.TrimEntries);
        var endText = parts.Length == 2 ? parts[1].Split([' ', '\t'], 2)[0] : "";
        if (parts.Length != 2 || Time(parts[0]) is not { } start || Time(endText) is not { } end)
        {
            throw new MeetingBotException(TranscriptFileTexts.BadTiming(line.Trim()), file, lineNo);
        }

        return end < start ? throw new MeetingBotException(TranscriptFileTexts.EndBeforeStart(line.Trim()), file, lineNo) : (start, end);
    }

    /// <summary><c>[H:]M:S[.f]</c> with any number of digits per field and <c>.</c> or <c>,</c> before the fraction.</summary>
    private static TimeSpan? Time(string text)
    {
        var m = TimeStamp().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var hours = m.Groups["h"].Success ? int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        var minutes = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var seconds = int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture);
        var fraction = m.Groups["f"].Success ? double.Parse("0." + m.Groups["f"].Value, CultureInfo.InvariantCulture) : 0;
        if (minutes > 59 && m.Groups["h"].Success || seconds > 59)
        {
            return null;
        }

        return new TimeSpan(hours, minutes, seconds) + TimeSpan.FromMilliseconds(Math.Round(fraction * 1000));
    }

    /// <summary>The speaker of the first voice tag, and the words without tags, lines joined by a space.</summary>
    private static (string Speaker, string Text) CueText(IEnumerable<string> lines)
    {
        var joined = string.Join(" ", lines.Select(l => l.Trim()));
        var voice = Voice().Match(joined);
        var speaker = voice.Success ? WebUtility.HtmlDecode(voice.Groups[1].Value.Trim()) : "";
        var words = WebUtility.HtmlDecode(Tag().Replace(joined, ""));
        return (speaker, Spaces().Replace(words, " ").Trim());
    }

    [GeneratedRegex(@"^\s*(?:NOTE\s+)?start\s*=\s*(\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex StartNote();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex HasOffset();

    [GeneratedRegex(@"^(?:(?<h>\d+):)?(?<m>\d+):(?<s>\d+)(?:[.,](?<f>\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeStamp();

    [GeneratedRegex(@"<v(?:\.[^\s>]+)*\s+([^>]*)>", RegexOptions.CultureInvariant)]
    private static partial Regex Voice();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
