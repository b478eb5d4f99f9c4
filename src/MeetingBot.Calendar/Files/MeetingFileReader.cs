using System.Globalization;
using System.Text.RegularExpressions;
using MeetingBot.Core;
using MeetingBot.Yaml;
using YamlDotNet.RepresentationModel;

namespace MeetingBot.Calendar.Files;

/// <summary>
/// Reads <c>*.meeting.yaml</c> files (SPEC §4). Every problem is a <see cref="MeetingBotException"/> naming the file,
/// line and field (list indexes 1-based: <c>agenda[2].minutes</c> is the second agenda item).
/// </summary>
public static partial class MeetingFileReader
{
    public const string FilePattern = "*.meeting.yaml";

    /// <summary>An item longer than a day is a typo; the cap also keeps agenda arithmetic far from overflow.</summary>
    private const int MaxMinutes = 24 * 60;

    private static readonly string[] MeetingFields =
        ["id", "council", "subcommittee", "title", "start", "timeZone", "place", "platform", "joinUrl", "purpose", "attributeOpinions", "matchByName", "quorum", "participants", "agenda"];

    private static readonly string[] ParticipantFields = ["name", "sector", "role", "chatUserId"];
    private static readonly string[] ItemFields = ["section", "topic", "title", "minutes", "lead", "content", "table"];
    private static readonly string[] TableFields = ["columns", "rows"];

    private static readonly Dictionary<string, ParticipantRole> Roles = new(StringComparer.Ordinal)
    {
        ["chair"] = ParticipantRole.Chair,
        ["vice-chair"] = ParticipantRole.ViceChair,
        ["member"] = ParticipantRole.Member,
        ["staff"] = ParticipantRole.Staff,
        ["observer"] = ParticipantRole.Observer,
    };

    private static readonly Dictionary<string, Sector> Sectors = new(StringComparer.Ordinal)
    {
        ["civil"] = Sector.Civil,
        ["admin"] = Sector.Admin,
    };

    public static MeetingDefinition Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        return Load(yaml, fileName).Meeting;
    }

    public static MeetingDefinition Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Load(YamlMap.ReadFile(path), path).Meeting;
    }

    /// <summary>
    /// All meeting files under <paramref name="folder"/>, recursively, in path order; meeting ids must be unique across
    /// them. The first bad file (or a repeated id) throws, naming its file and line: for a folder read as a whole (replay).
    /// </summary>
    public static IReadOnlyList<MeetingDefinition> ReadFolder(string folder)
    {
        var scan = ScanFolder(folder);
        if (!scan.FolderExists)
        {
            throw new MeetingBotException(MeetingFileTexts.FolderNotFound, folder);
        }

        return scan.Problems.Count > 0 ? throw scan.Problems[0].Error : [.. scan.Files.Select(f => f.Meeting)];
    }

    /// <summary>
    /// The one reading of a meeting folder: every <c>*.meeting.yaml</c> under <paramref name="folder"/>, recursively, in
    /// path order, except <paramref name="excludedFiles"/> (full paths: template files, which shape meetings but are none
    /// themselves). A file that cannot be read, and a file repeating an id an earlier file has, is a problem naming its
    /// file and line; the other files still count. The server's loader, the <c>files</c> calendar source, the
    /// <c>calendar list</c> verb and the replay all read the folder through this.
    /// </summary>
    public static MeetingFolderScan ScanFolder(string folder, IReadOnlySet<string>? excludedFiles = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            return new MeetingFolderScan(false, [], []);
        }

        var files = Directory.EnumerateFiles(folder, FilePattern, SearchOption.AllDirectories)
            .Where(f => excludedFiles is null || !excludedFiles.Contains(Path.GetFullPath(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var fileById = new Dictionary<string, string>(StringComparer.Ordinal);
        var read = new List<MeetingFile>(files.Count);
        var problems = new List<MeetingFileProblem>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var (meeting, idLine) = Load(YamlMap.ReadFile(file), file);
                if (!fileById.TryAdd(meeting.Id, file))
                {
                    problems.Add(new MeetingFileProblem(file, new MeetingBotException(MeetingFileTexts.DuplicateMeetingId(meeting.Id, fileById[meeting.Id]), file, idLine, "id")));
                    continue;
                }

                read.Add(new MeetingFile(file, meeting));
            }
            catch (MeetingBotException ex)
            {
                problems.Add(new MeetingFileProblem(file, ex));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add(new MeetingFileProblem(file, new MeetingBotException(ex.Message, file)));
            }
        }

        return new MeetingFolderScan(true, read, problems);
    }

    /// <summary>
    /// A meeting made from a template file for one calendar occurrence: same council, people and agenda,
    /// the occurrence's start and its own id.
    /// </summary>
    public static MeetingDefinition WithStart(MeetingDefinition template, DateTimeOffset start, string id)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(id);
        if (!IdShape().IsMatch(id))
        {
            throw new MeetingBotException(MeetingFileTexts.BadId, null, null, "id");
        }

        return template with { Id = id, Start = start };
    }

    private static (MeetingDefinition Meeting, int IdLine) Load(string yaml, string fileName)
    {
        var root = YamlMap.LoadRoot(yaml, fileName);
        root.RejectUnknownFields(MeetingFields);

        var id = root.RequiredText("id");
        if (!IdShape().IsMatch(id))
        {
            throw root.Error(MeetingFileTexts.BadId, root.ValueNode("id"), "id");
        }

        var council = root.RequiredText("council");
        var subcommittee = root.RequiredText("subcommittee");
        var title = root.RequiredText("title");

        var startText = root.RequiredText("start");
        if (!IsoInstant.TryParse(startText, out var start))
        {
            throw root.Error(YamlTexts.NotInstant(startText), root.ValueNode("start"), "start");
        }

        var timeZone = root.RequiredText("timeZone");
        if (!IsKnownTimeZone(timeZone))
        {
            throw root.Error(MeetingFileTexts.UnknownTimeZone(timeZone), root.ValueNode("timeZone"), "timeZone");
        }

        var joinUrl = root.OptionalText("joinUrl");
        if (joinUrl is not null
            && !(Uri.TryCreate(joinUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            throw root.Error(MeetingFileTexts.BadJoinUrl, root.ValueNode("joinUrl"), "joinUrl");
        }

        var meeting = new MeetingDefinition
        {
            Id = id,
            Council = council,
            Subcommittee = subcommittee,
            Title = title,
            Start = start,
            TimeZoneId = timeZone,
            Place = root.OptionalText("place") ?? "",
            Platform = root.OptionalText("platform") ?? "",
            JoinUrl = joinUrl,

            // A YAML block scalar ends with a line break that is not part of the paragraph.
            Purpose = root.OptionalText("purpose")?.TrimEnd('\r', '\n'),
            AttributeOpinions = root.OptionalBool("attributeOpinions", defaultValue: false),
            MatchByName = root.OptionalBool("matchByName", defaultValue: false),
            Participants = ReadParticipants(root),
            Agenda = ReadAgenda(root),
        };
        meeting = meeting with { Quorum = ReadQuorum(root, meeting.Participants.Count) };
        return (meeting, root.LineOfKey("id"));
    }

    private static List<Participant> ReadParticipants(YamlMap root)
    {
        var list = root.RequiredList("participants");
        if (list.Children.Count == 0)
        {
            throw root.Error(MeetingFileTexts.NoParticipants, list, "participants");
        }

        var participants = new List<Participant>(list.Children.Count);
        var positionByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var positionByChatId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var map in root.Maps(list, "participants"))
        {
            var position = participants.Count + 1;
            map.RejectUnknownFields(ParticipantFields);

            var name = map.RequiredText("name");
            if (!positionByName.TryAdd(name, position))
            {
                throw map.Error(MeetingFileTexts.DuplicateName(name, positionByName[name]), map.ValueNode("name"), map.FieldPath("name"));
            }

            var sectorText = map.RequiredText("sector");
            if (!Sectors.TryGetValue(sectorText, out var sector))
            {
                throw map.Error(MeetingFileTexts.UnknownSector(sectorText), map.ValueNode("sector"), map.FieldPath("sector"));
            }

            var roleText = map.RequiredText("role");
            if (!Roles.TryGetValue(roleText, out var role))
            {
                throw map.Error(MeetingFileTexts.UnknownRole(roleText), map.ValueNode("role"), map.FieldPath("role"));
            }

            var chatUserId = map.OptionalText("chatUserId");
            if (chatUserId is not null && !positionByChatId.TryAdd(chatUserId, position))
            {
                throw map.Error(MeetingFileTexts.DuplicateChatUserId(chatUserId, positionByChatId[chatUserId]), map.ValueNode("chatUserId"), map.FieldPath("chatUserId"));
            }

            participants.Add(new Participant(name, sector, role, chatUserId));
        }

        return participants;
    }

    private static List<AgendaItem> ReadAgenda(YamlMap root)
    {
        var list = root.RequiredList("agenda");
        if (list.Children.Count == 0)
        {
            throw root.Error(MeetingFileTexts.NoAgenda, list, "agenda");
        }

        var items = new List<AgendaItem>(list.Children.Count);
        foreach (var map in root.Maps(list, "agenda"))
        {
            map.RejectUnknownFields(ItemFields);
            var section = map.RequiredText("section");
            var title = map.RequiredText("title");
            var minutes = ReadMinutes(map);
            var content = map.OptionalList("content") is { } contentList
                ? map.Texts(contentList, map.FieldPath("content"), nullAs: null)
                : [];
            items.Add(new AgendaItem
            {
                Index = items.Count + 1,
                Section = section,
                Title = title,
                Minutes = minutes,
                Lead = map.OptionalText("lead"),
                Topic = map.OptionalText("topic"),
                Content = content,
                Table = map.OptionalMap("table") is { } table ? ReadTable(table) : null,
            });
        }

        return items;
    }

    /// <summary>Optional: how many participants must attend (SPEC §9), at least 1 and at most the participants listed.</summary>
    private static int? ReadQuorum(YamlMap root, int participants)
    {
        if (root.OptionalText("quorum") is not { } text)
        {
            return null;
        }

        return IntegerShape().IsMatch(text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quorum) && quorum >= 1 && quorum <= participants
            ? quorum
            : throw root.Error(MeetingFileTexts.BadQuorum(text, participants), root.ValueNode("quorum"), "quorum");
    }

    private static int ReadMinutes(YamlMap map)
    {
        var text = map.RequiredText("minutes");
        var field = map.FieldPath("minutes");
        if (!IntegerShape().IsMatch(text) || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minutes))
        {
            throw map.Error(MeetingFileTexts.MinutesNotInteger(text), map.ValueNode("minutes"), field);
        }

        if (minutes is < 1 or > MaxMinutes)
        {
            throw map.Error(MeetingFileTexts.MinutesOutOfRange(minutes, MaxMinutes), map.ValueNode("minutes"), field);
        }

        return minutes;
    }

    private static ContentTable ReadTable(YamlMap table)
    {
        table.RejectUnknownFields(TableFields);
        var columnList = table.RequiredList("columns");
        var columns = table.Texts(columnList, table.FieldPath("columns"), nullAs: null);
        if (columns.Count == 0)
        {
            throw table.Error(MeetingFileTexts.NoColumns, columnList, table.FieldPath("columns"));
        }

        var rowsPath = table.FieldPath("rows");
        var rows = new List<IReadOnlyList<string>>();
        foreach (YamlNode rowNode in table.RequiredList("rows"))
        {
            var rowPath = $"{rowsPath}[{rows.Count + 1}]";

            // An empty cell is a legitimate blank in a table, unlike an empty bullet or column name.
            var cells = table.Texts(table.List(rowNode, rowPath), rowPath, nullAs: "");
            if (cells.Count != columns.Count)
            {
                throw table.Error(MeetingFileTexts.CellCount(cells.Count, columns.Count), rowNode, rowPath);
            }

            rows.Add(cells);
        }

        return new ContentTable(columns, rows);
    }

    private static bool IsKnownTimeZone(string id)
    {
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    [GeneratedRegex(@"^[+-]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerShape();
}

/// <summary>One meeting file read: where it is and the meeting it defines.</summary>
public sealed record MeetingFile(string Path, MeetingDefinition Meeting);

/// <summary>
/// A meeting folder as read by <see cref="MeetingFileReader.ScanFolder"/>: the meetings of the files that could be read
/// (ids unique), and one problem per file that could not.
/// </summary>
public sealed record MeetingFolderScan(bool FolderExists, IReadOnlyList<MeetingFile> Files, IReadOnlyList<MeetingFileProblem> Problems);

/// <summary>A meeting file left out, and why: <see cref="Describe"/> names its file and line (<c>파일:줄: …</c>).</summary>
public sealed record MeetingFileProblem(string Path, MeetingBotException Error)
{
    public string Describe() => Error.Describe();
}
