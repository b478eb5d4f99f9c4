using MeetingBot.Core;
using MeetingBot.Core.Engine;

namespace MeetingBot.Core.Tests;

/// <summary>The entry-kind names, once: the Korean word and the English name, and the tags are those names.</summary>
public sealed class EntryKindsTests
{
    [Theory]
    [InlineData(EntryKind.Opinion, "의견", "opinion")]
    [InlineData(EntryKind.Question, "질문", "question")]
    [InlineData(EntryKind.Proposal, "제안", "proposal")]
    [InlineData(EntryKind.Decision, "결정", "decision")]
    public void EachKind_HasItsKoreanAndEnglishName_AndEachIsItsChatTag(EntryKind kind, string korean, string english)
    {
        Assert.Equal(korean, EntryKinds.Korean(kind));
        Assert.Equal(english, EntryKinds.English(kind));
        Assert.True(EntryKinds.TryParse(korean, out var fromKorean));
        Assert.True(EntryKinds.TryParse(english.ToUpperInvariant(), out var fromEnglish));
        Assert.Equal(kind, fromKorean);
        Assert.Equal(kind, fromEnglish);
        Assert.Equal(kind, Assert.IsType<TagMessage>(ChatGrammar.Parse($"#{korean} 내용")).Kind);
        Assert.Equal(kind, Assert.IsType<TagMessage>(ChatGrammar.Parse($"#{english} 내용")).Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("의견들")]
    [InlineData("opinions")]
    [InlineData("Opinion ")]
    public void AnythingElse_IsNoKind(string? name) => Assert.False(EntryKinds.TryParse(name, out _));
}
