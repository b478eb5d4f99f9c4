using System.Text.Json.Serialization;

namespace MeetingBot.Channels.Teams.Cards;

/// <summary>
/// The part of Adaptive Cards 1.5 the bot writes, as data (the AdaptiveCards package cannot be restored here):
/// records serialised with <see cref="TeamsJson.Options"/>, the element and action <c>type</c> written first as the
/// schema's discriminator, nulls left out. Only what the agenda card and the opinion form use is modelled.
/// </summary>
public sealed record AdaptiveCard
{
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    [JsonPropertyName("type")]
    public string Type => "AdaptiveCard";

    /// <summary>Left out on a card nested in <see cref="ShowCardAction"/>, which takes its host's.</summary>
    [JsonPropertyName("$schema")]
    public string? SchemaUrl { get; init; } = Schema;

    public string? Version { get; init; } = "1.5";

    public IReadOnlyList<CardElement> Body { get; init; } = [];

    public IReadOnlyList<CardAction>? Actions { get; init; }

    /// <summary>Said by clients that cannot render the card.</summary>
    public string? FallbackText { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
public abstract record CardElement
{
    public string? Id { get; init; }

    /// <summary><c>none</c>, <c>small</c>, <c>default</c>, <c>medium</c>, <c>large</c>.</summary>
    public string? Spacing { get; init; }

    public bool? Separator { get; init; }
}

public sealed record TextBlock(string Text) : CardElement
{
    public bool? Wrap { get; init; } = true;

    /// <summary><c>bolder</c>, <c>lighter</c>.</summary>
    public string? Weight { get; init; }

    /// <summary><c>small</c>, <c>medium</c>, <c>large</c>.</summary>
    public string? Size { get; init; }

    /// <summary><c>accent</c>, <c>good</c>, <c>warning</c>, <c>attention</c>.</summary>
    public string? Color { get; init; }

    public bool? IsSubtle { get; init; }
}

public sealed record Container(IReadOnlyList<CardElement> Items) : CardElement
{
    /// <summary><c>emphasis</c>, <c>good</c>, <c>attention</c>, <c>warning</c>, <c>accent</c>.</summary>
    public string? Style { get; init; }
}

public sealed record ColumnSet(IReadOnlyList<Column> Columns) : CardElement;

/// <summary>A column of a <see cref="ColumnSet"/> (not an element of a body).</summary>
public sealed record Column(IReadOnlyList<CardElement> Items)
{
    [JsonPropertyName("type")]
    public string Type => "Column";

    /// <summary><c>auto</c>, <c>stretch</c>, or a weight.</summary>
    public string? Width { get; init; }
}

public sealed record Choice(string Title, string Value);

public sealed record ChoiceSetInput(IReadOnlyList<Choice> Choices) : CardElement
{
    public string? Label { get; init; }

    public string? Value { get; init; }

    /// <summary><c>compact</c> (a drop-down) or <c>expanded</c> (radio buttons).</summary>
    public string? Style { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}

public sealed record TextInput : CardElement
{
    public string? Label { get; init; }

    public string? Placeholder { get; init; }

    public bool? IsMultiline { get; init; }

    public int? MaxLength { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
public abstract record CardAction(string Title)
{
    /// <summary><c>positive</c>, <c>destructive</c>.</summary>
    public string? Style { get; init; }
}

/// <summary>
/// Universal Actions: Teams sends an <c>adaptiveCard/action</c> invoke with <see cref="Verb"/> and
/// <see cref="Data"/> (plus the card's inputs) and shows the card the bot answers with. Clients without it take
/// <see cref="Fallback"/>.
/// </summary>
public sealed record ExecuteAction(string Title, string Verb) : CardAction(Title)
{
    public IReadOnlyDictionary<string, string>? Data { get; init; }

    public CardAction? Fallback { get; init; }
}

/// <summary>The fallback of <see cref="ExecuteAction"/>: a message activity whose <c>value</c> is <see cref="Data"/> plus the inputs.</summary>
public sealed record SubmitAction(string Title) : CardAction(Title)
{
    public IReadOnlyDictionary<string, string>? Data { get; init; }
}

public sealed record ShowCardAction(string Title, AdaptiveCard Card) : CardAction(Title);
