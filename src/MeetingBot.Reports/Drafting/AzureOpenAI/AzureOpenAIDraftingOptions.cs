namespace MeetingBot.Reports.Drafting.AzureOpenAI;

/// <summary>Settings of the Azure OpenAI drafter (<c>Drafting:AzureOpenAI</c>), used when <c>Drafting:Provider</c> is <c>azure-openai</c>.</summary>
public sealed class AzureOpenAIDraftingOptions
{
    public const string SectionName = "Drafting:AzureOpenAI";

    /// <summary>The resource's endpoint, e.g. <c>https://my-resource.openai.azure.com/</c>.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The model deployment to call (a chat model that supports structured outputs).</summary>
    public string Deployment { get; set; } = "";

    /// <summary>The resource key. Empty: authenticate with Entra ID instead, which <see cref="UseEntraId"/> must then ask for.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Authenticate with Entra ID (managed identity, workload identity, Azure CLI …) through Azure.Identity.</summary>
    public bool UseEntraId { get; set; }

    /// <summary>How long one call may take before it is abandoned (and retried).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a timeout, 408, 429 or 5xx; 0 = none.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter, unless the service says Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time a whole report may spend drafting; items still waiting then are written by the rules.</summary>
    public TimeSpan ReportBudget { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Items drafted at once.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Least overlap between a bullet and its sources' wording (see <see cref="DraftGuards.Overlap"/>).</summary>
    public double MinOverlap { get; set; } = DraftGuards.DefaultMinOverlap;

    /// <summary>How long the circuit stays open once most recent calls failed.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What is missing or wrong, each message naming its setting; empty when the drafter can be built.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            problems.Add(AzureOpenAIDraftingText.NotSet(nameof(Endpoint)));
        }
        else if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            // A key sent over plain HTTP to another machine would be readable on the way; only a local test server may use it.
            problems.Add(AzureOpenAIDraftingText.BadEndpoint);
        }

        if (string.IsNullOrWhiteSpace(Deployment))
        {
            problems.Add(AzureOpenAIDraftingText.NotSet(nameof(Deployment)));
        }

        if (string.IsNullOrEmpty(ApiKey) && !UseEntraId)
        {
            problems.Add(AzureOpenAIDraftingText.NoCredential);
        }

        if (CallTimeout <= TimeSpan.Zero)
        {
            problems.Add(AzureOpenAIDraftingText.MustBePositive(nameof(CallTimeout)));
        }

        if (RetryDelay < TimeSpan.Zero)
        {
            problems.Add(AzureOpenAIDraftingText.MustBePositive(nameof(RetryDelay)));
        }

        if (ReportBudget <= TimeSpan.Zero)
        {
            problems.Add(AzureOpenAIDraftingText.MustBePositive(nameof(ReportBudget)));
        }

        if (BreakDuration < TimeSpan.FromSeconds(1))
        {
            problems.Add(AzureOpenAIDraftingText.OutOfRange(nameof(BreakDuration), "1초 이상"));
        }

        if (MaxRetries is < 0 or > 10)
        {
            problems.Add(AzureOpenAIDraftingText.OutOfRange(nameof(MaxRetries), "0~10"));
        }

        if (MaxConcurrency is < 1 or > 32)
        {
            problems.Add(AzureOpenAIDraftingText.OutOfRange(nameof(MaxConcurrency), "1~32"));
        }

        if (MinOverlap is < 0 or > 1 || double.IsNaN(MinOverlap))
        {
            problems.Add(AzureOpenAIDraftingText.OutOfRange(nameof(MinOverlap), "0~1"));
        }

        return problems;
    }
}
