namespace MeetingBot.Core.Cards;

/// <summary>A button on a card: the verb the channel sends back when it is clicked, and its label.</summary>
public sealed record CardButton(string Verb, string Label);

/// <summary>
/// The card's buttons and what a click means: each verb is the text command a chair would type (SPEC §10: "a click is
/// the same command from the same person"), so the engine decides and role-checks a click exactly as that command.
/// The opinion form's submission is the tag it stands for (<c>#의견 @2 …</c>).
/// </summary>
public static class CardActions
{
    public const string Next = "next";
    public const string Previous = "previous";
    public const string Extend = "extend";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string End = "end";
    public const string Opinion = "opinion";

    /// <summary>Minutes the <c>5분 연장</c> button adds.</summary>
    public const int ExtendMinutes = 5;

    /// <summary>The form's field names, the same in every channel.</summary>
    public const string ItemField = "item";
    public const string KindField = "kind";
    public const string TextField = "text";

    /// <summary>The kinds the opinion form offers (<c>#결정</c> stays a typed command of the chair).</summary>
    public static readonly IReadOnlyList<EntryKind> FormKinds = [EntryKind.Opinion, EntryKind.Question, EntryKind.Proposal];

    /// <summary>The chair's buttons for the card's state: 다음, 이전, 5분 연장, 일시정지 or 재개, 종료.</summary>
    public static IReadOnlyList<CardButton> ChairButtons(AgendaCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return
        [
            new(Next, CardText.NextButton),
            new(Previous, CardText.PreviousButton),
            new(Extend, CardText.ExtendButton),
            card.Status == MeetingStatus.Paused ? new(Resume, CardText.ResumeButton) : new(Pause, CardText.PauseButton),
            new(End, CardText.EndButton),
        ];
    }

    /// <summary>
    /// The chat text a click stands for, or null for a verb no card carries. For <see cref="Opinion"/>:
    /// <paramref name="item"/> (the item number, default the open one), <paramref name="kind"/> (<c>opinion</c>,
    /// <c>의견</c>, …; default 의견) and <paramref name="text"/>; an empty text becomes an empty tag, which the engine
    /// answers with why it was not taken.
    /// </summary>
    public static string? CommandText(string? verb, string? item = null, string? kind = null, string? text = null) => verb switch
    {
        Next => "/다음",
        Previous => "/이전",
        Extend => $"/연장 {ExtendMinutes}",
        Pause => "/일시정지",
        Resume => "/재개",
        End => "/종료",
        Opinion => OpinionText(item, kind, text),
        _ => null,
    };

    private static string OpinionText(string? item, string? kind, string? text)
    {
        var entryKind = EntryKinds.TryParse(kind?.Trim(), out var parsed) && FormKinds.Contains(parsed) ? parsed : EntryKind.Opinion;
        var target = int.TryParse(item, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? $" @{n}" : "";
        // One line: the grammar reads a tag's text to the end, and a form's line breaks are the author's.
        return $"#{EntryKinds.Korean(entryKind)}{target} {(text ?? "").Trim()}".TrimEnd();
    }
}
