using System.Text;

namespace MeetingBot.Core.Transcripts;

/// <summary>
/// Finds the participant a platform's speaker or attendee name stands for (SPEC §9): by user id first (a Teams AAD
/// object id written as the participant's <c>chatUserId</c>), then by name with spacing, a bracketed organisation
/// (<c>김미순(영등포구청)</c>, <c>[협치지원단] 이주무</c>) and trailing titles (위원장·부위원장·위원·님·팀장·주무관) ignored.
/// </summary>
public sealed class SpeakerMatcher
{
    public const string Unknown = "미확인 화자";

    // Longest first, so 부위원장 is not read as 부 + 위원장.
    private static readonly string[] Titles = ["부위원장", "위원장", "주무관", "팀장", "위원", "님"];

    private readonly IReadOnlyList<Participant> _participants;
    private readonly Dictionary<string, Participant> _byName = new(StringComparer.Ordinal);

    public SpeakerMatcher(MeetingDefinition meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        _participants = meeting.Participants;
        foreach (var participant in meeting.Participants)
        {
            _byName.TryAdd(NameKey(participant.Name), participant);
        }
    }

    public Participant? Match(string? name, string? userId = null)
    {
        if (!string.IsNullOrWhiteSpace(userId)
            && _participants.FirstOrDefault(p => string.Equals(p.ChatUserId, userId.Trim(), StringComparison.OrdinalIgnoreCase)) is { } byId)
        {
            return byId;
        }

        return string.IsNullOrWhiteSpace(name) ? null : _byName.GetValueOrDefault(NameKey(name));
    }

    /// <summary>The name with brackets and their contents, white space and trailing titles taken away.</summary>
    public static string NameKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length);
        var depth = 0;
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            if (c is '(' or '[' or '（' or '［' or '<')
            {
                depth++;
            }
            else if (c is ')' or ']' or '）' or '］' or '>')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && !char.IsWhiteSpace(c))
            {
                text.Append(c);
            }
        }

        var key = text.ToString();
        var stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (var title in Titles)
            {
                if (key.Length > title.Length && key.EndsWith(title, StringComparison.Ordinal))
                {
                    key = key[..^title.Length];
                    stripped = true;
                    break;
                }
            }
        }

        return key;
    }
}
