using MeetingBot.Calendar.Files;
using MeetingBot.Core;

namespace MeetingBot.Calendar;

/// <summary>The title templates of <c>Calendar:Templates</c>, read from their meeting files once at start.</summary>
public sealed class CalendarTemplates
{
    public CalendarTemplates(IReadOnlyList<TitleTemplate> templates, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(files);
        Templates = templates;
        Files = files.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
    }

    public static CalendarTemplates Empty { get; } = new([], []);

    public IReadOnlyList<TitleTemplate> Templates { get; }

    /// <summary>Full paths of the template files: the <c>files</c> source leaves them out, a template is not a meeting.</summary>
    public IReadOnlySet<string> Files { get; }

    /// <exception cref="MeetingBotException">A template file cannot be read or its pattern is not a regular expression; the message names the setting.</exception>
    public static CalendarTemplates Load(CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var templates = options.Templates
            .Select((t, i) => Create(t, $"{CalendarOptions.SectionName}:Templates:{i}"))
            .ToList();
        return new CalendarTemplates(templates, options.Templates.Select(t => t.MeetingFile));
    }

    internal static TitleTemplate Create(CalendarTemplateOptions template, string setting)
    {
        MeetingDefinition definition;
        try
        {
            definition = MeetingFileReader.Read(template.MeetingFile);
        }
        catch (MeetingBotException ex)
        {
            throw new MeetingBotException(CalendarStrings.TemplateUnreadable($"{setting}:MeetingFile", ex.Describe()), template.MeetingFile, ex.Line, $"{setting}:MeetingFile");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MeetingBotException(CalendarStrings.TemplateUnreadable($"{setting}:MeetingFile", ex.Message), template.MeetingFile, null, $"{setting}:MeetingFile");
        }

        try
        {
            return new TitleTemplate(template.Pattern, definition);
        }
        catch (MeetingBotException ex)
        {
            throw new MeetingBotException($"{setting}:Pattern: {ex.Message}", null, null, $"{setting}:Pattern");
        }
    }
}
