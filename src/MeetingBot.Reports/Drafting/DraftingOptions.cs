using System.ComponentModel.DataAnnotations;
using MeetingBot.Reports.Drafting.AzureOpenAI;
using Microsoft.Extensions.Options;

namespace MeetingBot.Reports.Drafting;

/// <summary>The <c>Drafting</c> section: which drafter writes the ▸ bullets, and the Azure OpenAI one's settings.</summary>
public sealed class DraftingOptions : IValidatableObject
{
    public const string SectionName = "Drafting";

    /// <summary><c>rules</c> (default) or <c>azure-openai</c>.</summary>
    public string Provider { get; set; } = RuleDrafter.DrafterName;

    /// <summary><c>Drafting:AzureOpenAI</c>, checked only when <see cref="Provider"/> chooses it.</summary>
    public AzureOpenAIDraftingOptions AzureOpenAI { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        string.IsNullOrWhiteSpace(Provider)
            ? [new("Drafting:Provider 를 정해 주세요. 사용 가능: rules, azure-openai")]
            : Drafters.Problems(Provider, AzureOpenAI).Select(p => new ValidationResult(p));
}

/// <summary>
/// Stops the host at start when the chosen drafter cannot work, naming the setting (source-generated; the rules are
/// <see cref="DraftingOptions.Validate"/>).
/// </summary>
[OptionsValidator]
public sealed partial class DraftingOptionsValidator : IValidateOptions<DraftingOptions>;
