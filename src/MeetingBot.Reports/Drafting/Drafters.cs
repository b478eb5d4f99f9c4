using MeetingBot.Core;
using MeetingBot.Reports.Drafting.AzureOpenAI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace MeetingBot.Reports.Drafting;

/// <summary>Chooses the drafter named by <c>Drafting:Provider</c> (or <c>--drafting</c>): <c>rules</c> or <c>azure-openai</c>.</summary>
public static class Drafters
{
    public static readonly string[] Providers = [RuleDrafter.DrafterName, AzureOpenAIDrafter.DrafterName];

    /// <summary>
    /// For the command line: the settings as configured, <paramref name="overrideProvider"/> from <c>--drafting</c>.
    /// Checked here rather than at start, since <c>--drafting rules</c> must work whatever the Azure OpenAI settings say.
    /// </summary>
    public static IOpinionDrafter Create(IConfiguration configuration, string? overrideProvider, TimeProvider? timeProvider = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = overrideProvider ?? configuration[$"{DraftingOptions.SectionName}:{nameof(DraftingOptions.Provider)}"] ?? RuleDrafter.DrafterName;
        var azure = provider == AzureOpenAIDrafter.DrafterName ? AzureOptions(configuration) : new AzureOpenAIDraftingOptions();
        var problems = Problems(provider, azure);
        if (problems.Count > 0)
        {
            throw new MeetingBotException(string.Join(" ", problems.Append(DraftersText.UseRules(provider))));
        }

        return Create(provider, azure, timeProvider, loggers);
    }

    /// <summary>For the host, whose options were validated at start by <see cref="DraftingOptionsValidator"/>.</summary>
    public static IOpinionDrafter Create(string provider, AzureOpenAIDraftingOptions azure, TimeProvider? timeProvider = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(azure);
        return provider switch
        {
            RuleDrafter.DrafterName => new RuleDrafter(),
            AzureOpenAIDrafter.DrafterName => new AzureOpenAIDrafter(azure, timeProvider, loggers?.CreateLogger<AzureOpenAIDrafter>()),
            _ => throw new MeetingBotException(DraftersText.Unknown(provider)),
        };
    }

    /// <summary>What keeps <paramref name="provider"/> from being used, each message naming its setting.</summary>
    public static IReadOnlyList<string> Problems(string? provider, AzureOpenAIDraftingOptions azure)
    {
        ArgumentNullException.ThrowIfNull(azure);
        return provider switch
        {
            RuleDrafter.DrafterName => [],
            AzureOpenAIDrafter.DrafterName => azure.Problems(),
            _ => [DraftersText.Unknown(provider)],
        };
    }

    /// <summary><c>Drafting:AzureOpenAI</c> as configured; a value of the wrong type names the section.</summary>
    public static AzureOpenAIDraftingOptions AzureOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new AzureOpenAIDraftingOptions();
        try
        {
            configuration.GetSection(AzureOpenAIDraftingOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new MeetingBotException(DraftersText.BadValue(ex.Message), ex);
        }

        return options;
    }
}

internal static class DraftersText
{
    public static string Unknown(string? provider) =>
        $"Drafting:Provider '{provider}' 은(는) 지원하지 않습니다. 사용 가능: {string.Join(", ", Drafters.Providers)}";

    public static string UseRules(string provider) => provider == RuleDrafter.DrafterName
        ? ""
        : "규칙 기반 초안으로 진행하려면 --drafting rules 를 붙이세요.";

    public static string BadValue(string detail) => $"설정 {AzureOpenAIDraftingOptions.SectionName}의 값이 올바르지 않습니다: {detail}";
}
