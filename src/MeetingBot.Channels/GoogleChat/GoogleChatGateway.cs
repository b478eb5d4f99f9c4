using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingBot.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.GoogleChat;

/// <summary>
/// The engine's way out to Google Chat: <c>POST {BaseUrl}v1/{space}/messages</c> as the app. Each message carries a
/// client-assigned id derived from its content, so when a retry follows a post that did arrive (or the bot re-sends
/// after a crash) Google answers 409 and the space still shows the message once. The agenda card (cards v2) is posted
/// once and then updated in place (<c>PATCH v1/{message}?updateMask=cardsV2</c>).
/// </summary>
public sealed class GoogleChatGateway : IChatGateway, ICardGateway
{
    public const string HttpClientName = "MeetingBot.GoogleChat";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptions<GoogleChatOptions> _options;
    private readonly ILogger _logger;

    public GoogleChatGateway(IHttpClientFactory httpClientFactory, IOptions<GoogleChatOptions> options, ILogger<GoogleChatGateway>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public string Channel => GoogleChatMapper.Channel;

    public bool CardsEnabled => _options.Value.Cards;

    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        using var _ = await PostAsync(message, new GoogleChatJson.MessageBody(message?.Text ?? ""), cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> SendCardAsync(OutboundMessage message, string? postedId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Card is not { } card)
        {
            throw new ArgumentException("No card to send.", nameof(message));
        }

        var body = new JsonObject { ["cardsV2"] = new JsonArray(GoogleChatCards.Agenda(card)) };
        if (postedId is not null && postedId.StartsWith(message.To.ConversationId + "/messages/", StringComparison.Ordinal))
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, Url($"v1/{postedId}?updateMask=cardsV2")) { Content = JsonContent.Create(body, options: GoogleChatJson.Options) };
            using var updated = await _httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            await EnsureAsync(updated, message.To.ConversationId, cancellationToken).ConfigureAwait(false);
            return postedId;
        }

        using var response = await PostAsync(message, body, cancellationToken).ConfigureAwait(false);
        if (response is null || !response.IsSuccessStatusCode)
        {
            return null;
        }

        using var posted = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return posted.RootElement.TryGetProperty("name", out var name) ? name.GetString() : null;
    }

    /// <summary>Posts to the message's space with its client id; null when Google already had it (409).</summary>
    private async Task<HttpResponseMessage?> PostAsync(OutboundMessage message, object body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!string.Equals(message.To.Channel, Channel, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Not a Google Chat conversation: {message.To.Channel}", nameof(message));
        }

        var space = message.To.ConversationId;
        if (!space.StartsWith("spaces/", StringComparison.Ordinal) || space.Length == "spaces/".Length || space.Contains('?') || space.Contains('#'))
        {
            throw new MeetingBotException(GoogleChatStrings.NotASpace(space));
        }

        var client = _httpClientFactory.CreateClient(HttpClientName);
        using var content = JsonContent.Create(body, body.GetType(), options: GoogleChatJson.Options);
        var response = await client.PostAsync(Url($"v1/{space}/messages?messageId={ClientMessageId(message)}"), content, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            response.Dispose();
            GoogleChatLog.AlreadyPosted(_logger, space);
            return null;
        }

        try
        {
            await EnsureAsync(response, space, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string space, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await ErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
        throw new HttpRequestException(GoogleChatStrings.PostFailed(space, (int)response.StatusCode, detail), null, response.StatusCode);
    }

    private Uri Url(string path)
    {
        var baseUrl = _options.Value.BaseUrl;
        return new Uri(new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), path);
    }

    /// <summary>
    /// <c>client-</c> and 40 hex digits of a hash of where, when and what: Google's rule for client ids is lower-case
    /// letters, digits and hyphens, at most 63 characters.
    /// </summary>
    public static string ClientMessageId(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = string.Join('\u001f', message.To.ConversationId, message.At.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), message.ReplyToMessageId ?? "", message.Text);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return "client-" + Convert.ToHexStringLower(hash)[..40];
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var text))
            {
                return text.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
            // Not Google's error shape (a proxy's page): the status code says enough.
        }

        return response.ReasonPhrase ?? "";
    }
}
