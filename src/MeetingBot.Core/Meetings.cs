namespace MeetingBot.Core;

/// <summary>민간 (civil) or 행정 (administration): how a participant is counted in the report.</summary>
public enum Sector
{
    Civil,
    Admin,
}

public enum ParticipantRole
{
    Chair,
    ViceChair,
    Member,
    Staff,
    Observer,
}

public sealed record Participant(string Name, Sector Sector, ParticipantRole Role, string? ChatUserId = null)
{
    /// <summary>Chair, vice-chair and staff run the agenda (SPEC §2).</summary>
    public bool CanRunMeeting => Role is ParticipantRole.Chair or ParticipantRole.ViceChair or ParticipantRole.Staff;
}

public sealed record ContentTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>One agenda step. <see cref="Index"/> is 1-based, in file order.</summary>
public sealed record AgendaItem
{
    public required int Index { get; init; }
    public required string Section { get; init; }
    public required string Title { get; init; }
    public required int Minutes { get; init; }
    public string? Lead { get; init; }
    public string? Topic { get; init; }
    public IReadOnlyList<string> Content { get; init; } = [];
    public ContentTable? Table { get; init; }

    public TimeSpan Planned => TimeSpan.FromMinutes(Minutes);
}

/// <summary>A meeting as defined in a <c>*.meeting.yaml</c> file or found on a calendar (SPEC §4).</summary>
public sealed record MeetingDefinition
{
    public required string Id { get; init; }
    public required string Council { get; init; }
    public required string Subcommittee { get; init; }
    public required string Title { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required string TimeZoneId { get; init; }
    public string Place { get; init; } = "";
    public string Platform { get; init; } = "";
    public string? JoinUrl { get; init; }
    public string? Purpose { get; init; }
    public bool AttributeOpinions { get; init; }

    /// <summary>
    /// Whether chats may recognise a participant without a <c>chatUserId</c> by display name, role included
    /// (<c>matchByName: true</c>). Off by default: on Teams and Google Chat a display name is whatever its owner set.
    /// </summary>
    public bool MatchByName { get; init; }

    /// <summary>Optional <c>quorum</c>: how many participants must attend for the meeting to count (SPEC §9).</summary>
    public int? Quorum { get; init; }

    public required IReadOnlyList<Participant> Participants { get; init; }
    public required IReadOnlyList<AgendaItem> Agenda { get; init; }

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    public TimeSpan PlannedDuration => TimeSpan.FromMinutes(Agenda.Sum(a => a.Minutes));

    public AgendaItem? Item(int index) => index >= 1 && index <= Agenda.Count ? Agenda[index - 1] : null;

    /// <summary>
    /// The participant who sent a message (the rule is in <c>src/MeetingBot.Core/README.md</c>): the one whose
    /// <c>chatUserId</c> is the sender's id; failing that, a participant without a <c>chatUserId</c> whose name is the
    /// sender's name, when <see cref="MatchByName"/> allows names or the door vouches for this one
    /// (<see cref="ChatUser.NameVouched"/>). A participant with a <c>chatUserId</c> is never found by name, so a copied
    /// display name never takes over a chair's or staff member's role.
    /// </summary>
    public Participant? Identify(ChatUser sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (!string.IsNullOrEmpty(sender.Id)
            && Participants.FirstOrDefault(p => string.Equals(p.ChatUserId, sender.Id, StringComparison.Ordinal)) is { } byId)
        {
            return byId;
        }

        return (MatchByName || sender.NameVouched) && Named(sender.Name) is { ChatUserId: null } byName ? byName : null;
    }

    /// <summary>The participant the sender's name claims to be but <see cref="Identify"/> did not accept, to tell them why.</summary>
    public Participant? ClaimedBy(ChatUser sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return Identify(sender) is null ? Named(sender.Name) : null;
    }

    private Participant? Named(string? displayName) =>
        string.IsNullOrWhiteSpace(displayName)
            ? null
            : Participants.FirstOrDefault(p => string.Equals(p.Name, displayName.Trim(), StringComparison.Ordinal));
}
