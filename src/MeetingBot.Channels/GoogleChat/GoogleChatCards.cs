using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using MeetingBot.Core;
using MeetingBot.Core.Cards;

namespace MeetingBot.Channels.GoogleChat;

/// <summary>
/// The agenda card in Google Chat's cards v2 and the opinion form as a dialog: the same content, buttons and form as
/// the Teams card, every word from <see cref="CardText"/>. A button names its verb as the function
/// (<c>common.invokedFunction</c>) and as the parameter <c>verb</c>.
/// </summary>
public static class GoogleChatCards
{
    public const string AgendaCardId = "agenda";

    /// <summary>The button that opens the opinion dialog (no engine input: the dialog is the answer).</summary>
    public const string OpenFormFunction = "opinion_form";

    /// <summary><c>{cardId, card}</c> for a message's <c>cardsV2</c>.</summary>
    public static JsonObject Agenda(AgendaCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var items = new JsonArray();
        foreach (var item in card.Items)
        {
            var mark = item.State switch { CardItemState.Open => "▶", CardItemState.Done => "✔", _ => "○" };
            var label = Escape($"{mark} {item.Label}" + (item.Lead is { } lead ? $" ({lead})" : ""));
            var bottom = (item.Actual is { } actual ? $"{CardText.ActualLabel} {Escape(actual)}" : "")
                + (item.Overrun is { } overrun ? $" <font color=\"#d93025\">⚠ {Escape(overrun)}</font>" : "");
            var widget = new JsonObject
            {
                ["topLabel"] = $"{CardText.PlannedLabel} {item.Planned}",
                ["text"] = item.State == CardItemState.Open ? $"<b>{label}</b>" : label,
            };
            if (bottom.Length > 0)
            {
                widget["bottomLabel"] = bottom.Trim();
            }

            items.Add(new JsonObject { ["decoratedText"] = widget });
        }

        var sections = new JsonArray
        {
            new JsonObject { ["widgets"] = new JsonArray(new JsonObject { ["textParagraph"] = new JsonObject { ["text"] = $"<b>{Escape(card.StatusLine)}</b>" } }) },
            new JsonObject { ["widgets"] = items },
        };
        if (card.Live)
        {
            var buttons = new JsonArray();
            foreach (var button in CardActions.ChairButtons(card))
            {
                buttons.Add(Button(button.Label, button.Verb));
            }

            buttons.Add(new JsonObject
            {
                ["text"] = CardText.OpinionButton,
                ["onClick"] = new JsonObject { ["action"] = new JsonObject { ["function"] = OpenFormFunction, ["interaction"] = "OPEN_DIALOG" } },
            });
            sections.Add(new JsonObject { ["widgets"] = new JsonArray(new JsonObject { ["buttonList"] = new JsonObject { ["buttons"] = buttons } }) });
        }

        return new JsonObject
        {
            ["cardId"] = AgendaCardId,
            ["card"] = new JsonObject
            {
                ["header"] = new JsonObject { ["title"] = "🗂 " + card.Title, ["subtitle"] = card.AsOf },
                ["sections"] = sections,
            },
        };
    }

    /// <summary>The answer to <c>REQUEST_DIALOG</c>: the opinion form, the open item chosen.</summary>
    public static JsonObject OpinionDialog(AgendaCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var open = card.OpenItem > 0 ? card.OpenItem : 1;
        var items = new JsonArray();
        foreach (var item in card.Items)
        {
            items.Add(new JsonObject { ["text"] = item.Label, ["value"] = item.Index.ToString(CultureInfo.InvariantCulture), ["selected"] = item.Index == open });
        }

        var kinds = new JsonArray();
        foreach (var kind in CardActions.FormKinds)
        {
            kinds.Add(new JsonObject { ["text"] = EntryKinds.Korean(kind), ["value"] = EntryKinds.English(kind), ["selected"] = kind == EntryKind.Opinion });
        }

        var widgets = new JsonArray
        {
            new JsonObject { ["selectionInput"] = new JsonObject { ["name"] = CardActions.ItemField, ["label"] = CardText.ItemLabel, ["type"] = "DROPDOWN", ["items"] = items } },
            new JsonObject { ["selectionInput"] = new JsonObject { ["name"] = CardActions.KindField, ["label"] = CardText.KindLabel, ["type"] = "RADIO_BUTTON", ["items"] = kinds } },
            new JsonObject { ["textInput"] = new JsonObject { ["name"] = CardActions.TextField, ["label"] = CardText.TextLabel, ["hintText"] = CardText.TextPlaceholder, ["type"] = "MULTIPLE_LINE" } },
            new JsonObject { ["buttonList"] = new JsonObject { ["buttons"] = new JsonArray(Button(CardText.SubmitButton, CardActions.Opinion)) } },
        };
        return ActionResponse("DIALOG", new JsonObject
        {
            ["dialogAction"] = new JsonObject
            {
                ["dialog"] = new JsonObject
                {
                    ["body"] = new JsonObject
                    {
                        ["header"] = new JsonObject { ["title"] = CardText.OpinionTitle },
                        ["sections"] = new JsonArray(new JsonObject { ["widgets"] = widgets }),
                    },
                },
            },
        });
    }

    /// <summary>Closes the dialog (<c>actionStatus</c> OK) and tells the author what became of the submission.</summary>
    public static JsonObject DialogClosed(string message) => ActionResponse("DIALOG", new JsonObject
    {
        ["dialogAction"] = new JsonObject { ["actionStatus"] = new JsonObject { ["statusCode"] = "OK", ["userFacingMessage"] = message } },
    });

    /// <summary>A click's answer that replaces the card in the message clicked (<c>UPDATE_MESSAGE</c>).</summary>
    public static JsonObject UpdateMessage(AgendaCard card) => ActionResponse("UPDATE_MESSAGE", new JsonObject { ["cardsV2"] = new JsonArray(Agenda(card)) });

    /// <summary>A click's answer only <paramref name="viewer"/> sees (a refusal): a private message, the card unchanged.</summary>
    public static JsonObject Private(string viewer, string text) => ActionResponse("NEW_MESSAGE", new JsonObject
    {
        ["text"] = text,
        ["privateMessageViewer"] = new JsonObject { ["name"] = viewer },
    });

    private static JsonObject ActionResponse(string type, JsonObject rest)
    {
        var response = new JsonObject { ["actionResponse"] = new JsonObject { ["type"] = type } };
        foreach (var (key, value) in rest.ToList())
        {
            rest.Remove(key);
            if (key == "dialogAction")
            {
                ((JsonObject)response["actionResponse"]!)["dialogAction"] = value;
            }
            else
            {
                response[key] = value;
            }
        }

        return response;
    }

    private static JsonObject Button(string text, string verb) => new()
    {
        ["text"] = text,
        ["onClick"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["function"] = verb,
                ["parameters"] = new JsonArray(new JsonObject { ["key"] = "verb", ["value"] = verb }),
            },
        },
    };

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
