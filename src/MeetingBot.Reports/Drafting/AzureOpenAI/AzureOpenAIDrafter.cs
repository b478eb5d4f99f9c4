using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI.Chat;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MeetingBot.Reports.Drafting.AzureOpenAI;

/// <summary>
/// Drafts an item's ▸ bullets with an Azure OpenAI chat deployment, answering in a strict JSON schema, and hands
/// every answer to <see cref="DraftGuards"/> before it reaches the report. Whatever goes wrong with the call or
/// the answer — timeout, 429/5xx after retries, an open circuit, a refusal, malformed JSON — the item is written
/// by the rules instead, and the reason is recorded in its guard notes.
/// </summary>
public sealed class AzureOpenAIDrafter : IOpinionDrafter, IDisposable
{
    public const string DrafterName = "azure-openai";

    // Room for a long remark's bullet per source, and for the JSON around it.
    private const int BaseOutputTokens = 400;
    private const int OutputTokensPerSource = 300;
    private const int MaxOutputTokens = 8000;

    private readonly AzureOpenAIDraftingOptions _options;
    private readonly HttpClient _http;
    private readonly ChatClient _chat;
    private readonly ResiliencePipeline _pipeline;
    private readonly DraftGuards _guards;
    private readonly ILogger _logger;

    /// <param name="credential">Entra ID credential when no key is set; default <see cref="DefaultAzureCredential"/>.</param>
    public AzureOpenAIDrafter(
        AzureOpenAIDraftingOptions options,
        TimeProvider? timeProvider = null,
        ILogger<AzureOpenAIDrafter>? logger = null,
        TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _guards = new DraftGuards(options.MinOverlap);
        _pipeline = AzureOpenAIResilience.Build(options, timeProvider ?? TimeProvider.System, _logger);

        // Timeouts and retries belong to the Polly pipeline: the HTTP client and the SDK pipeline add none of their own.
        // The client owns the handler (disposeHandler) and this drafter owns the client (Dispose).
#pragma warning disable CA2000
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
#pragma warning restore CA2000
        var clientOptions = new AzureOpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(_http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        var endpoint = new Uri(options.Endpoint);
        var client = string.IsNullOrEmpty(options.ApiKey)
            ? new AzureOpenAIClient(endpoint, credential ?? new DefaultAzureCredential(), clientOptions)
            : new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey), clientOptions);
        _chat = client.GetChatClient(options.Deployment);
    }

    public string Name => DrafterName;

    public DraftingLimits Limits => new(_options.MaxConcurrency, _options.ReportBudget);

    public async Task<DraftResult> DraftAsync(DraftRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Sources.Count == 0)
        {
            return new DraftResult([], DrafterName, []);
        }

        List<ChatMessage> messages = [new SystemChatMessage(DraftPrompt.SystemMessage), new UserChatMessage(DraftPrompt.User(request))];
        var completionOptions = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(DraftPrompt.SchemaName, DraftPrompt.Schema(request), jsonSchemaIsStrict: true),
            MaxOutputTokenCount = Math.Min(MaxOutputTokens, BaseOutputTokens + (OutputTokensPerSource * request.Sources.Count)),
        };

        var usage = DraftUsage.None;
        ChatCompletion completion;
        try
        {
            completion = await _pipeline.ExecuteAsync(
                async token =>
                {
                    var answer = (await _chat.CompleteChatAsync(messages, completionOptions, token).ConfigureAwait(false)).Value;
                    usage += new DraftUsage(answer.Usage?.InputTokenCount ?? 0, answer.Usage?.OutputTokenCount ?? 0);
                    return answer;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            return FallBack(request, AzureOpenAIDraftingText.CircuitOpen, usage);
        }
        catch (TimeoutRejectedException)
        {
            return FallBack(request, AzureOpenAIDraftingText.TimedOut, usage);
        }
        catch (ClientResultException ex) when (ex.Status > 0)
        {
            return FallBack(request, AzureOpenAIDraftingText.ServiceError(ex.Status), usage);
        }
        catch (Exception ex) when (ex is ClientResultException or HttpRequestException or IOException)
        {
            return FallBack(request, AzureOpenAIDraftingText.Unreachable, usage);
        }
        catch (AuthenticationFailedException)
        {
            return FallBack(request, AzureOpenAIDraftingText.AuthenticationFailed, usage);
        }

        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            return FallBack(request, AzureOpenAIDraftingText.Refused, usage);
        }

        if (completion.FinishReason == ChatFinishReason.ContentFilter)
        {
            return FallBack(request, AzureOpenAIDraftingText.Filtered, usage);
        }

        if (completion.FinishReason == ChatFinishReason.Length)
        {
            return FallBack(request, AzureOpenAIDraftingText.Truncated, usage);
        }

        var text = string.Concat(completion.Content.Where(part => part.Kind == ChatMessageContentPartKind.Text).Select(part => part.Text));
        var bullets = DraftPrompt.ParseAnswer(text);
        if (bullets is null)
        {
            return FallBack(request, AzureOpenAIDraftingText.Malformed, usage);
        }

        var result = _guards.Apply(request, bullets, DrafterName, usage);
        foreach (var note in result.GuardNotes)
        {
            AzureOpenAIDraftingLog.Guarded(_logger, request.MeetingId, request.ItemIndex, note);
        }

        AzureOpenAIDraftingLog.Drafted(_logger, request.MeetingId, request.ItemIndex, result.Opinions.Count, usage.PromptTokens, usage.CompletionTokens, result.GuardNotes.Count);
        return result;
    }

    public void Dispose() => _http.Dispose();

    private DraftResult FallBack(DraftRequest request, string reason, DraftUsage usage)
    {
        AzureOpenAIDraftingLog.FellBack(_logger, request.MeetingId, request.ItemIndex, reason);
        return DraftGuards.FallBack(request, reason, usage);
    }
}
