using System.Text.Json;
using MeetingBot.Channels.Teams;
using MeetingBot.Channels.Teams.Cards;
using MeetingBot.Core;
using MeetingBot.Core.Cards;
using MeetingBot.TestSupport;

namespace MeetingBot.Channels.Tests.Teams;

/// <summary>
/// The agenda card's JSON against the Adaptive Cards 1.5 schema rules the bot relies on (checked by
/// <see cref="AdaptiveCardRules"/>), and what it shows and offers in each state of the meeting.
/// </summary>
public sealed class AgendaAdaptiveCardTests
{
    private static async Task<AgendaCard> CardAsync(params string[] chairSays)
    {
        await using var h = await EngineHarness.CreateAsync();
        h.Clock.SetUtcNow(TestMeetings.Start);
        foreach (var text in chairSays)
        {
            await h.SayAsync(TestMeetings.ChairId, text);
            h.Clock.Advance(TimeSpan.FromMinutes(7));
        }

        return AgendaCard.Of(TestMeetings.Strategy(), (await h.Store.GetRuntimeAsync("ydp-2020-09-strategy"))!, h.Clock.GetUtcNow());
    }

    private static JsonElement Json(AdaptiveCard card) => JsonSerializer.SerializeToElement(card, TeamsJson.Options);

    [Fact]
    public async Task RunningCard_KeepsTheSchemaRules_AndOffersTheChairsButtonsAndTheForm()
    {
        var json = Json(AgendaAdaptiveCard.Build(await CardAsync("/시작", "/다음")));

        Assert.Empty(AdaptiveCardRules.Check(json));
        var actions = json.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["다음", "이전", "5분 연장", "일시정지", "종료", "의견 남기기"], actions.Select(a => a.GetProperty("title").GetString()));
        Assert.Equal(["next", "previous", "extend", "pause", "end"], actions.Take(5).Select(a => a.GetProperty("verb").GetString()));
        Assert.All(actions.Take(5), a =>
        {
            Assert.Equal("Action.Execute", a.GetProperty("type").GetString());
            Assert.Equal("Action.Submit", a.GetProperty("fallback").GetProperty("type").GetString());
            Assert.Equal(a.GetProperty("verb").GetString(), a.GetProperty("fallback").GetProperty("data").GetProperty("verb").GetString());
        });
    }

    [Fact]
    public async Task OpinionForm_DefaultsToTheOpenItem_OffersThreeKinds_AndSubmitsTheOpinionVerb()
    {
        var json = Json(AgendaAdaptiveCard.Build(await CardAsync("/시작", "/다음")));

        var form = json.GetProperty("actions")[5];
        Assert.Equal("Action.ShowCard", form.GetProperty("type").GetString());
        var inputs = form.GetProperty("card").GetProperty("body").EnumerateArray().Where(e => e.TryGetProperty("id", out _)).ToDictionary(e => e.GetProperty("id").GetString()!);
        Assert.Equal("2", inputs["item"].GetProperty("value").GetString());
        Assert.Equal(4, inputs["item"].GetProperty("choices").GetArrayLength());
        Assert.Equal(["의견", "질문", "제안"], inputs["kind"].GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("title").GetString()));
        Assert.True(inputs["text"].GetProperty("isRequired").GetBoolean());
        var submit = Assert.Single(form.GetProperty("card").GetProperty("actions").EnumerateArray());
        Assert.Equal(("Action.Execute", "opinion"), (submit.GetProperty("type").GetString(), submit.GetProperty("verb").GetString()));
    }

    [Fact]
    public async Task OpenItem_IsEmphasised_AndAnOverrunIsInRed()
    {
        var json = Json(AgendaAdaptiveCard.Build(await CardAsync("/시작", "/다음")));

        var items = json.GetProperty("body").EnumerateArray().Where(e => e.TryGetProperty("id", out var id) && id.GetString()!.StartsWith("item-", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, items.Count);
        Assert.Equal("emphasis", items[1].GetProperty("style").GetString());
        Assert.False(items[0].TryGetProperty("style", out _));
        var overrun = items[0].GetProperty("items").EnumerateArray().Single(t => t.TryGetProperty("color", out _));
        Assert.Equal(("attention", "⚠ 2분 초과"), (overrun.GetProperty("color").GetString(), overrun.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task PausedCard_OffersResume_AndEndedCardOffersNothing()
    {
        var paused = Json(AgendaAdaptiveCard.Build(await CardAsync("/시작", "/일시정지")));
        var ended = Json(AgendaAdaptiveCard.Build(await CardAsync("/시작", "/종료")));

        Assert.Empty(AdaptiveCardRules.Check(paused));
        Assert.Empty(AdaptiveCardRules.Check(ended));
        Assert.Equal("resume", paused.GetProperty("actions")[3].GetProperty("verb").GetString());
        Assert.False(ended.TryGetProperty("actions", out _));
    }

    [Fact]
    public async Task Notice_HeadsTheCard_InRedWhenRefused()
    {
        var json = Json(AgendaAdaptiveCard.Build(await CardAsync("/시작"), "진행 명령은 분과장만 쓸 수 있습니다.", refused: true));

        Assert.Empty(AdaptiveCardRules.Check(json));
        var notice = json.GetProperty("body")[3];
        Assert.Equal("attention", notice.GetProperty("style").GetString());
        Assert.Equal("진행 명령은 분과장만 쓸 수 있습니다.", notice.GetProperty("items")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Rules_CatchWhatTeamsWouldReject()
    {
        using var broken = JsonDocument.Parse("""
            {"type":"AdaptiveCard","version":"1.2","body":[
              {"type":"TextBlock","text":""},
              {"type":"Input.Text","id":"a"},{"type":"Input.Text","id":"a"},
              {"type":"Input.ChoiceSet","id":"c","value":"9","choices":[{"title":"하나","value":"1"}]},
              {"type":"Carousel"}],
             "actions":[{"type":"Action.Execute","title":"다음"},{"type":"Action.Submit","title":""},
              {"type":"Action.Execute","title":"x","verb":"x","fallback":{"type":"Action.Execute","title":"y","verb":"y"}}]}
            """);

        var problems = AdaptiveCardRules.Check(broken.RootElement);

        Assert.Contains(problems, p => p.Contains("$schema", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("version", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("empty text", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("duplicate input id 'a'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("value '9'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Carousel", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("without verb", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("without title", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("fallback", StringComparison.Ordinal));
    }
}

/// <summary>
/// The Adaptive Cards 1.5 schema rules the agenda card relies on (adaptivecards.io/schemas/adaptive-card.json), checked
/// by walking the JSON: the root's type, <c>$schema</c> and version; known element and action types; the enumerated
/// values (spacing, weight, size, color, container style, choice style); non-empty text and titles; a verb on every
/// <c>Action.Execute</c>; a fallback that is <c>drop</c> or an action of an older version; unique input ids; a
/// choice set's value among its choices; at most six top-level actions (what Teams shows).
/// </summary>
public static class AdaptiveCardRules
{
    private static readonly HashSet<string> Elements = ["TextBlock", "Container", "ColumnSet", "Image", "FactSet", "ActionSet", "RichTextBlock", "Table", "Input.Text", "Input.ChoiceSet", "Input.Number", "Input.Date", "Input.Time", "Input.Toggle"];
    private static readonly HashSet<string> Actions = ["Action.Execute", "Action.Submit", "Action.ShowCard", "Action.OpenUrl", "Action.ToggleVisibility"];
    private static readonly Dictionary<string, HashSet<string>> Enums = new()
    {
        ["spacing"] = ["none", "small", "default", "medium", "large", "extraLarge", "padding"],
        ["weight"] = ["default", "lighter", "bolder"],
        ["size"] = ["default", "small", "medium", "large", "extraLarge"],
        ["color"] = ["default", "dark", "light", "accent", "good", "warning", "attention"],
    };

    private static readonly HashSet<string> ContainerStyles = ["default", "emphasis", "good", "attention", "warning", "accent"];
    private static readonly HashSet<string> ActionStyles = ["default", "positive", "destructive"];

    public static IReadOnlyList<string> Check(JsonElement card)
    {
        var problems = new List<string>();
        var ids = new HashSet<string>();
        if (card.GetProperty("type").GetString() != "AdaptiveCard")
        {
            problems.Add("root: type is not AdaptiveCard");
        }

        if (!card.TryGetProperty("$schema", out var schema) || schema.GetString() != AdaptiveCard.Schema)
        {
            problems.Add("root: $schema missing");
        }

        if (!card.TryGetProperty("version", out var version) || version.GetString() != "1.5")
        {
            problems.Add("root: version is not 1.5");
        }

        CheckCard(card, "root", problems, ids);
        if (card.TryGetProperty("actions", out var actions) && actions.GetArrayLength() > 6)
        {
            problems.Add("root: more than six actions");
        }

        return problems;
    }

    private static void CheckCard(JsonElement card, string at, List<string> problems, HashSet<string> ids)
    {
        if (card.TryGetProperty("body", out var body))
        {
            var i = 0;
            foreach (var element in body.EnumerateArray())
            {
                CheckElement(element, $"{at}.body[{i++}]", problems, ids);
            }
        }

        if (card.TryGetProperty("actions", out var actions))
        {
            var i = 0;
            foreach (var action in actions.EnumerateArray())
            {
                CheckAction(action, $"{at}.actions[{i++}]", problems, ids, fallback: false);
            }
        }
    }

    private static void CheckElement(JsonElement element, string at, List<string> problems, HashSet<string> ids)
    {
        var type = element.GetProperty("type").GetString()!;
        if (!Elements.Contains(type))
        {
            problems.Add($"{at}: unknown element {type}");
            return;
        }

        foreach (var (name, allowed) in Enums)
        {
            if (element.TryGetProperty(name, out var value) && !allowed.Contains(value.GetString()!))
            {
                problems.Add($"{at}: {name} '{value.GetString()}' not allowed");
            }
        }

        if (type == "TextBlock" && string.IsNullOrWhiteSpace(element.GetProperty("text").GetString()))
        {
            problems.Add($"{at}: TextBlock with empty text");
        }

        if (type == "Container")
        {
            if (element.TryGetProperty("style", out var style) && !ContainerStyles.Contains(style.GetString()!))
            {
                problems.Add($"{at}: container style '{style.GetString()}' not allowed");
            }

            var i = 0;
            foreach (var item in element.GetProperty("items").EnumerateArray())
            {
                CheckElement(item, $"{at}.items[{i++}]", problems, ids);
            }
        }

        if (type == "ColumnSet")
        {
            var c = 0;
            foreach (var column in element.GetProperty("columns").EnumerateArray())
            {
                var i = 0;
                foreach (var item in column.GetProperty("items").EnumerateArray())
                {
                    CheckElement(item, $"{at}.columns[{c}].items[{i++}]", problems, ids);
                }

                c++;
            }
        }

        if (element.TryGetProperty("id", out var idValue) && type != "Container" && !ids.Add(idValue.GetString()!))
        {
            problems.Add($"{at}: duplicate input id '{idValue.GetString()}'");
        }

        if (type.StartsWith("Input.", StringComparison.Ordinal) && string.IsNullOrEmpty(element.TryGetProperty("id", out var inputId) ? inputId.GetString() : null))
        {
            problems.Add($"{at}: input without id");
        }

        if (type == "Input.ChoiceSet")
        {
            var values = element.GetProperty("choices").EnumerateArray()
                .Select(c => (c.GetProperty("title").GetString(), c.GetProperty("value").GetString())).ToList();
            if (values.Any(v => string.IsNullOrEmpty(v.Item1) || string.IsNullOrEmpty(v.Item2)))
            {
                problems.Add($"{at}: choice without title or value");
            }

            if (element.TryGetProperty("value", out var chosen) && values.All(v => v.Item2 != chosen.GetString()))
            {
                problems.Add($"{at}: value '{chosen.GetString()}' is not a choice");
            }

            if (element.TryGetProperty("style", out var style) && style.GetString() is not ("compact" or "expanded" or "filtered"))
            {
                problems.Add($"{at}: choice style '{style.GetString()}' not allowed");
            }
        }
    }

    private static void CheckAction(JsonElement action, string at, List<string> problems, HashSet<string> ids, bool fallback)
    {
        var type = action.GetProperty("type").GetString()!;
        if (!Actions.Contains(type))
        {
            problems.Add($"{at}: unknown action {type}");
            return;
        }

        if (string.IsNullOrWhiteSpace(action.TryGetProperty("title", out var title) ? title.GetString() : null))
        {
            problems.Add($"{at}: action without title");
        }

        if (action.TryGetProperty("style", out var style) && !ActionStyles.Contains(style.GetString()!))
        {
            problems.Add($"{at}: action style '{style.GetString()}' not allowed");
        }

        if (type == "Action.Execute" && string.IsNullOrEmpty(action.TryGetProperty("verb", out var verb) ? verb.GetString() : null))
        {
            problems.Add($"{at}: Action.Execute without verb");
        }

        if (fallback && type == "Action.Execute")
        {
            problems.Add($"{at}: a fallback must be older than Action.Execute (1.4)");
        }

        if (action.TryGetProperty("fallback", out var fb) && !(fb.ValueKind == JsonValueKind.String && fb.GetString() == "drop"))
        {
            CheckAction(fb, at + ".fallback", problems, ids, fallback: true);
        }

        if (type == "Action.ShowCard")
        {
            CheckCard(action.GetProperty("card"), at + ".card", problems, ids);
        }
    }
}
