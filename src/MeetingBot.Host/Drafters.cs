using MeetingBot.Core;
using MeetingBot.Reports.Drafting;
using MeetingBot.Reports.Drafting.AzureOpenAI;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host;

/// <summary>Chooses the drafter named by <c>Drafting:Provider</c> (or <c>--drafting</c>): <c>rules</c> or <c>azure-openai</c>.</summary>
public static class Drafters
{
    public static readonly string[] Providers = [RuleDrafter.DrafterName, AzureOpenAIDrafter.DrafterName];

    /// <summary>For the command line: settings as loaded, <paramref name="overrideProvider"/> from <c>--drafting</c>.</summary>
    public static IOpinionDrafter Create(HostConfiguration settings, string? overrideProvider, TimeProvider? timeProvider = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var provider = overrideProvider ?? settings.Drafting.Provider;
        var azure = provider == AzureOpenAIDrafter.DrafterName ? AzureOptions(settings.Configuration) : new AzureOpenAIDraftingOptions();
        var problems = Problems(provider, azure);
        if (problems.Count > 0)
        {
            throw new MeetingBotException(string.Join(" ", problems.Append(DraftersText.UseRules(provider))));
        }

        return Create(provider, azure, timeProvider, loggers);
    }

    /// <summary>For the host, whose options were validated at start by <see cref="DraftingSettingsValidator"/>.</summary>
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

/// <summary>Stops the host at start when the chosen drafter cannot work, naming the setting (ARCHITECTURE: options validated at start).</summary>
public sealed class DraftingSettingsValidator(IConfiguration configuration) : IValidateOptions<DraftingOptions>
{
    public ValidateOptionsResult Validate(string? name, DraftingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var azure = options.Provider == AzureOpenAIDrafter.DrafterName ? Drafters.AzureOptions(configuration) : new AzureOpenAIDraftingOptions();
            var problems = Drafters.Problems(options.Provider, azure);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
        catch (MeetingBotException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
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
