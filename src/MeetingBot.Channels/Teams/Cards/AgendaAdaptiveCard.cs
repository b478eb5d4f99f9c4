using System.Globalization;
using MeetingBot.Core;
using MeetingBot.Core.Cards;

namespace MeetingBot.Channels.Teams.Cards;

/// <summary>
/// The agenda card in Adaptive Card 1.5: the meeting, where it stands, each item with planned and actual times (the
/// open one highlighted, overruns in red), the chair's buttons as <c>Action.Execute</c> (with an <c>Action.Submit</c>
/// fallback carrying the same verb) and the <c>의견 남기기</c> form. Every word comes from <see cref="CardText"/>.
/// </summary>
public static class AgendaAdaptiveCard
{
    /// <summary>The key in an action's data that names the verb (also read back from an <c>Action.Submit</c>).</summary>
    public const string VerbKey = "verb";

    /// <summary>Longest opinion the form takes; the chat itself takes longer messages, the form keeps them readable.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>The card for <paramref name="card"/>; <paramref name="notice"/>, when given, heads it (an invoke's answer).</summary>
    public static AdaptiveCard Build(AgendaCard card, string? notice = null, bool refused = false)
    {
        ArgumentNullException.ThrowIfNull(card);
        var body = new List<CardElement>
        {
            new TextBlock("🗂 " + card.Title) { Weight = "bolder", Size = "medium" },
            new TextBlock(card.StatusLine)
            {
                Weight = "bolder",
                Color = card.Status switch { MeetingStatus.Paused => "warning", MeetingStatus.Running => "accent", _ => null },
                Spacing = "small",
            },
            new TextBlock(card.AsOf) { IsSubtle = true, Size = "small", Spacing = "none" },
        };
        if (notice is { Length: > 0 })
        {
            body.Add(new Container([new TextBlock(notice) { Color = refused ? "attention" : "good", Weight = "bolder" }])
            {
                Style = refused ? "attention" : "good",
            });
        }

        body.AddRange(card.Items.Select(Item));
        return new AdaptiveCard
        {
            Body = body,
            Actions = card.Live ? [.. CardActions.ChairButtons(card).Select(b => Execute(b.Verb, b.Label)), OpinionForm(card)] : null,
            FallbackText = card.Text(),
        };
    }

    /// <summary>A card that only says <paramref name="text"/> (an invoke that has no agenda to show).</summary>
    public static AdaptiveCard Message(string text, bool refused = false) => new()
    {
        Body = [new TextBlock(text) { Color = refused ? "attention" : null }],
        FallbackText = text,
    };

    private static Container Item(AgendaCardItem item)
    {
        var mark = item.State switch { CardItemState.Open => "▶", CardItemState.Done => "✔", _ => "○" };
        var times = $"{CardText.PlannedLabel} {item.Planned}" + (item.Actual is { } actual ? $" · {CardText.ActualLabel} {actual}" : "");
        var lines = new List<CardElement>
        {
            new TextBlock($"{mark} {item.Label}" + (item.Lead is { } lead ? $" ({lead})" : ""))
            {
                Weight = item.State == CardItemState.Open ? "bolder" : null,
                IsSubtle = item.State == CardItemState.Done ? true : null,
            },
            new TextBlock(times) { Size = "small", IsSubtle = true, Spacing = "none" },
        };
        if (item.Overrun is { } overrun)
        {
            lines.Add(new TextBlock("⚠ " + overrun) { Size = "small", Color = "attention", Spacing = "none" });
        }

        return new Container(lines)
        {
            Style = item.State == CardItemState.Open ? "emphasis" : null,
            Separator = true,
            Id = "item-" + item.Index.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static ExecuteAction Execute(string verb, string title)
    {
        var data = new Dictionary<string, string> { [VerbKey] = verb };
        return new ExecuteAction(title, verb)
        {
            Data = data,
            Style = verb == CardActions.End ? "destructive" : verb == CardActions.Next ? "positive" : null,
            Fallback = new SubmitAction(title) { Data = data },
        };
    }

    private static ShowCardAction OpinionForm(AgendaCard card)
    {
        var form = new AdaptiveCard
        {
            SchemaUrl = null,
            Version = null,
            Body =
            [
                new TextBlock(CardText.OpinionTitle) { Weight = "bolder" },
                new ChoiceSetInput([.. card.Items.Select(i => new Choice(i.Label, i.Index.ToString(CultureInfo.InvariantCulture)))])
                {
                    Id = CardActions.ItemField,
                    Label = CardText.ItemLabel,
                    Value = (card.OpenItem > 0 ? card.OpenItem : 1).ToString(CultureInfo.InvariantCulture),
                    Style = "compact",
                    IsRequired = true,
                    ErrorMessage = CardText.ChooseOne,
                },
                new ChoiceSetInput([.. CardActions.FormKinds.Select(k => new Choice(EntryKinds.Korean(k), EntryKinds.English(k)))])
                {
                    Id = CardActions.KindField,
                    Label = CardText.KindLabel,
                    Value = EntryKinds.English(EntryKind.Opinion),
                    Style = "expanded",
                    IsRequired = true,
                    ErrorMessage = CardText.ChooseOne,
                },
                new TextInput
                {
                    Id = CardActions.TextField,
                    Label = CardText.TextLabel,
                    Placeholder = CardText.TextPlaceholder,
                    IsMultiline = true,
                    MaxLength = MaxTextLength,
                    IsRequired = true,
                    ErrorMessage = CardText.TextRequired,
                },
            ],
            Actions = [Execute(CardActions.Opinion, CardText.SubmitButton)],
        };
        return new ShowCardAction(CardText.OpinionButton, form);
    }
}
