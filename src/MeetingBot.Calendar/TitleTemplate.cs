using System.Text.RegularExpressions;
using MeetingBot.Core;

namespace MeetingBot.Calendar;

/// <summary>
/// A meeting file used as a template (SPEC §4): a calendar event whose title matches <see cref="Pattern"/> becomes a
/// meeting shaped like <see cref="Definition"/> on the event's date.
/// </summary>
public sealed class TitleTemplate
{
    // Patterns come from files staff edit; a pathological one must not hang the poll loop.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex _regex;

    /// <param name="pattern">A .NET regular expression, matched anywhere in the title, ignoring case.</param>
    /// <exception cref="MeetingBotException">The pattern is not a valid regular expression.</exception>
    public TitleTemplate(string pattern, MeetingDefinition definition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(definition);
        try
        {
            _regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new MeetingBotException(CalendarStrings.BadTitlePattern(pattern, ex.Message), field: "titlePattern");
        }

        Pattern = pattern;
        Definition = definition;
    }

    public string Pattern { get; }

    public MeetingDefinition Definition { get; }

    public bool Matches(string title)
    {
        try
        {
            return _regex.IsMatch(title ?? "");
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
