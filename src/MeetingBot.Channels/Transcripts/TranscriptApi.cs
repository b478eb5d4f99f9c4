using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.Web;
using Microsoft.Extensions.Http.Resilience;

namespace MeetingBot.Channels.Transcripts;

/// <summary>
/// The HTTP side both transcript importers share: GETs under one base URL with the app's bearer token, 429 and 5xx
/// retried (waiting what Retry-After asks, capped), 404 as "not there yet" (null); what is left is a
/// <see cref="TranscriptFetchException"/> in Korean: 401/403 refused, naming the permission the app needs (and the
/// platform's <c>advice</c>, e.g. Graph's application access policy), 429 throttled with the Retry-After it still asks,
/// any other failure naming the status and the address.
/// </summary>
internal sealed class TranscriptApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly Func<CancellationToken, Task<string?>> _token;
    private readonly TimeProvider _time;
    private readonly string _platform;
    private readonly string _permission;
    private readonly string? _advice;

    public TranscriptApi(Uri baseUri, Func<CancellationToken, Task<string?>> token, TimeProvider time, string platform, string permission, HttpMessageHandler? inner = null, string? advice = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(time);
        var text = baseUri.AbsoluteUri;
        BaseUri = new Uri(text.EndsWith('/') ? text : text + "/");
        _token = token;
        _time = time;
        _platform = platform;
        _permission = permission;
        _advice = advice;
        // The client owns the handler chain (disposeHandler by default) and this API owns the client (Dispose).
#pragma warning disable CA2000
        _http = new HttpClient(new ResilienceHandler(HttpRetry.CreatePipeline(time)) { InnerHandler = inner ?? new SocketsHttpHandler() }) { Timeout = TimeSpan.FromMinutes(2) };
#pragma warning restore CA2000
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
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => throw new TranscriptFetchException(
                TranscriptFileTexts.Refused(_platform, (int)response.StatusCode, permission ?? _permission) + (_advice is null ? "" : " " + _advice),
                TranscriptAttemptOutcome.Refused),
            HttpStatusCode.TooManyRequests => throw new TranscriptFetchException(
                TranscriptFileTexts.Throttled(_platform), TranscriptAttemptOutcome.Throttled, RetryAfter(response)),
            _ when !response.IsSuccessStatusCode =>
                throw new TranscriptFetchException(TranscriptFileTexts.Failed(_platform, (int)response.StatusCode, uri.AbsoluteUri), TranscriptAttemptOutcome.Failed),
            _ => await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>What Retry-After asks, as seconds or as a date; null when it says nothing usable.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };

    /// <summary>A next-page link must stay under the base URL: the token is never sent anywhere else.</summary>
    private Uri Resolve(string address)
    {
        var uri = new Uri(BaseUri, address);
        return uri.AbsoluteUri.StartsWith(BaseUri.AbsoluteUri, StringComparison.Ordinal)
            ? uri
            : throw new MeetingBotException(TranscriptFileTexts.ForeignLink(_platform, uri.AbsoluteUri));
    }
}
