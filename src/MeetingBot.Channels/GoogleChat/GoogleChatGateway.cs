using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MeetingBot.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.GoogleChat;

/// <summary>
/// The engine's way out to Google Chat: <c>POST {BaseUrl}v1/{space}/messages</c> as the app. Each message carries a
/// client-assigned id derived from its content, so when a retry follows a post that did arrive (or the bot re-sends
/// after a crash) Google answers 409 and the space still shows the message once.
/// </summary>
public sealed class GoogleChatGateway : IChatGateway
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

    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
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

        var baseUrl = _options.Value.BaseUrl;
        var uri = new Uri(new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), $"v1/{space}/messages?messageId={ClientMessageId(message)}");
        var client = _httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.PostAsJsonAsync(uri, new GoogleChatJson.MessageBody(message.Text), GoogleChatJson.Options, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            GoogleChatLog.AlreadyPosted(_logger, space);
            return;
        }

        var detail = await ErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
        throw new HttpRequestException(GoogleChatStrings.PostFailed(space, (int)response.StatusCode, detail), null, response.StatusCode);
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
