using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Web;
using Microsoft.Extensions.Http.Resilience;

namespace MeetingBot.Channels.Transcripts;

/// <summary>
/// The HTTP side both transcript importers share: GETs under one base URL with the app's bearer token, 429 and 5xx
/// retried (waiting what Retry-After asks, capped), 404 as "not there yet" (null), 401/403 as a Korean error naming
/// the permission the app needs, any other failure as a Korean error naming the status and the address.
/// </summary>
internal sealed class TranscriptApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly Func<CancellationToken, Task<string?>> _token;
    private readonly string _platform;
    private readonly string _permission;

    public TranscriptApi(Uri baseUri, Func<CancellationToken, Task<string?>> token, TimeProvider time, string platform, string permission, HttpMessageHandler? inner = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(time);
        var text = baseUri.AbsoluteUri;
        BaseUri = new Uri(text.EndsWith('/') ? text : text + "/");
        _token = token;
        _platform = platform;
        _permission = permission;
        _http = new HttpClient(new ResilienceHandler(HttpRetry.CreatePipeline(time)) { InnerHandler = inner ?? new SocketsHttpHandler() }) { Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseUri { get; }

    public void Dispose() => _http.Dispose();

    /// <summary>The JSON at <paramref name="address"/> (relative to the base, or an absolute next link under it); null on 404.</summary>
    public async Task<JsonDocument?> GetJsonAsync(string address, CancellationToken cancellationToken, string? permission = null)
    {
        var text = await GetTextAsync(address, cancellationToken, permission).ConfigureAwait(false);
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new MeetingBotException(TranscriptFileTexts.NotJson(ex.Message), Resolve(address).AbsoluteUri);
        }
    }

    /// <param name="permission">The permission this call needs, when not the one the API was made with.</param>
    public async Task<string?> GetTextAsync(string address, CancellationToken cancellationToken, string? permission = null)
    {
        var uri = Resolve(address);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (await _token(cancellationToken).ConfigureAwait(false) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => null,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                throw new MeetingBotException(TranscriptFileTexts.Refused(_platform, (int)response.StatusCode, permission ?? _permission), uri.AbsoluteUri),
            _ when !response.IsSuccessStatusCode =>
                throw new MeetingBotException(TranscriptFileTexts.Failed(_platform, (int)response.StatusCode), uri.AbsoluteUri),
            _ => await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>A next-page link must stay under the base URL: the token is never sent anywhere else.</summary>
    private Uri Resolve(string address)
    {
        var uri = new Uri(BaseUri, address);
        return uri.AbsoluteUri.StartsWith(BaseUri.AbsoluteUri, StringComparison.Ordinal)
            ? uri
            : throw new MeetingBotException(TranscriptFileTexts.ForeignLink(_platform, uri.AbsoluteUri));
    }
}
