using MeetingBot.Reports.Drafting;
using MeetingBot.Reports.Drafting.AzureOpenAI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingBot.Reports.Tests.Drafting;

/// <summary><c>AddDrafting</c> as the host calls it: the <c>Drafting</c> section bound, checked by the generated validator, and its drafter.</summary>
public sealed class DraftingCompositionTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddDrafting().BuildServiceProvider();
    }

    private static IReadOnlyList<string> Failures(Dictionary<string, string?> settings)
    {
        using var provider = Build(settings);
        return [.. Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DraftingOptions>>().Value).Failures];
    }

    [Fact]
    public void WithoutSettings_TheRulesDraft()
    {
        using var provider = Build([]);

        Assert.IsType<RuleDrafter>(provider.GetRequiredService<IOpinionDrafter>());
    }

    [Fact]
    public void AzureOpenAI_TakesItsNestedSection()
    {
        using var provider = Build(new()
        {
            ["Drafting:Provider"] = "azure-openai",
            ["Drafting:AzureOpenAI:Endpoint"] = "https://example.openai.azure.com/",
            ["Drafting:AzureOpenAI:Deployment"] = "gpt-4o",
            ["Drafting:AzureOpenAI:ApiKey"] = "k",
            ["Drafting:AzureOpenAI:MaxConcurrency"] = "3",
        });

        var drafter = Assert.IsType<AzureOpenAIDrafter>(provider.GetRequiredService<IOpinionDrafter>());
        Assert.Equal(3, drafter.Limits.MaxConcurrency);
    }

    [Fact]
    public void AnUnknownProvider_IsNamedWithWhatExists()
    {
        var failure = Assert.Single(Failures(new() { ["Drafting:Provider"] = "gpt" }));

        Assert.Equal("Drafting:Provider 'gpt' 은(는) 지원하지 않습니다. 사용 가능: rules, azure-openai", failure);
    }

    [Fact]
    public void AnEmptyProvider_AsksForOne()
    {
        var failure = Assert.Single(Failures(new() { ["Drafting:Provider"] = "" }));

        Assert.StartsWith("Drafting:Provider 를 정해 주세요", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureOpenAI_WithoutItsSettings_NamesEachMissingOne()
    {
        var failures = Failures(new() { ["Drafting:Provider"] = "azure-openai", ["Drafting:AzureOpenAI:MaxRetries"] = "11" });

        Assert.Contains(failures, f => f.StartsWith("Drafting:AzureOpenAI:Endpoint 이(가) 설정되지 않았습니다", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Drafting:AzureOpenAI:Deployment 이(가) 설정되지 않았습니다", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Drafting:AzureOpenAI:ApiKey", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Drafting:AzureOpenAI:MaxRetries", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRules_DoNotLookAtTheAzureOpenAISettings()
    {
        using var provider = Build(new() { ["Drafting:Provider"] = "rules", ["Drafting:AzureOpenAI:Endpoint"] = "http://example.openai.azure.com/" });

        Assert.Equal("rules", provider.GetRequiredService<IOptions<DraftingOptions>>().Value.Provider);
    }
}
