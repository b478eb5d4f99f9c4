using System.Net.Http.Json;
using MeetingBot.Core;
using Microsoft.Extensions.Logging;

namespace MeetingBot.Channels.Teams;

/// <summary>
/// The Bot Connector REST API, outbound. Calls that touch a conversation run in that conversation's lane
/// (<see cref="ConversationLanes"/>); retries, timeouts and the circuit breaker live in the HttpClient's pipeline.
/// A call that may have been carried out although it failed throws <see cref="ConnectorOutcomeUnknownException"/>;
/// any other failure means it was not.
/// </summary>
public sealed class ConnectorClient
{
    public const string HttpClientName = "MeetingBot.Teams.Connector";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ConversationLanes _lanes;
    private readonly ILogger<ConnectorClient> _logger;

    public ConnectorClient(IHttpClientFactory httpClientFactory, ConversationLanes lanes, ILogger<ConnectorClient> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(lanes);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClientFactory = httpClientFactory;
        _lanes = lanes;
        _logger = logger;
    }

    /// <summary><c>POST /v3/conversations/{id}/activities</c>.</summary>
    public Task<ResourceResponse> SendAsync(ConversationAddress to, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return InLane(to, $"v3/conversations/{Escape(to.ConversationId)}/activities", HttpMethod.Post, activity, cancellationToken);
    }

    /// <summary><c>POST /v3/conversations/{id}/activities/{replyToId}</c>.</summary>
    public Task<ResourceResponse> ReplyAsync(ConversationAddress to, string replyToId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(replyToId);
        ArgumentNullException.ThrowIfNull(activity);
        return InLane(to, $"v3/conversations/{Escape(to.ConversationId)}/activities/{Escape(replyToId)}", HttpMethod.Post, activity with { ReplyToId = replyToId }, cancellationToken);
    }

    /// <summary><c>PUT /v3/conversations/{id}/activities/{activityId}</c>.</summary>
    public Task<ResourceResponse> UpdateAsync(ConversationAddress to, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        return InLane(to, $"v3/conversations/{Escape(to.ConversationId)}/activities/{Escape(activityId)}", HttpMethod.Put, activity with { Id = activityId }, cancellationToken);
    }

    /// <summary><c>GET /v1/meetings/{meetingId}</c> with <c>channelData.meeting.id</c>: the join URL and title, to match a calendar entry.</summary>
    public async Task<MeetingDetails?> GetMeetingDetailsAsync(string serviceUrl, string meetingId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
        ArgumentException.ThrowIfNullOrEmpty(meetingId);
        using var response = await CallAsync(HttpMethod.Get, Url(serviceUrl, $"v1/meetings/{Escape(meetingId)}"), null, cancellationToken).ConfigureAwait(false);
        return (await ReadAsync<MeetingInfo>(response, cancellationToken).ConfigureAwait(false))?.Details;
    }

    private Task<ResourceResponse> InLane(ConversationAddress to, string path, HttpMethod method, object? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (string.IsNullOrEmpty(to.ServiceUrl))
            throw new MeetingBotException(TeamsStrings.MissingServiceUrl(to.ConversationId), field: nameof(to.ServiceUrl));
        var uri = Url(to.ServiceUrl, path);
        return _lanes.RunAsync(ConversationLanes.LaneOf(to.ServiceUrl, to.ConversationId), async ct =>
        {
            using var response = await CallAsync(method, uri, body, ct).ConfigureAwait(false);
            return await ReadAsync<ResourceResponse>(response, ct).ConfigureAwait(false) ?? new ResourceResponse();
        }, cancellationToken);
    }

    private async Task<HttpResponseMessage> CallAsync(HttpMethod method, Uri uri, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType(), options: TeamsJson.Options);

        var client = _httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            TeamsLog.ConnectorFailed(_logger, method.Method, uri, ex);
            if (ConnectorAttempts.IsOutcomeUnknown(request))
                throw new ConnectorOutcomeUnknownException(TeamsStrings.ConnectorOutcomeUnknown(method.Method, uri, null), null, ex);
            throw;
        }

        TeamsLog.ConnectorCall(_logger, method.Method, uri, (int)response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            if (ConnectorAttempts.IsAmbiguous(status))
                throw new ConnectorOutcomeUnknownException(TeamsStrings.ConnectorOutcomeUnknown(method.Method, uri, (int)status), status, null);
            throw new HttpRequestException(TeamsStrings.ConnectorFailed(method.Method, uri, (int)status), null, status);
        }

        return response;
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        if (response.Content.Headers.ContentLength == 0)
            return null;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(text) ? null : System.Text.Json.JsonSerializer.Deserialize<T>(text, TeamsJson.Options);
    }

    private static Uri Url(string serviceUrl, string path) => new($"{serviceUrl.TrimEnd('/')}/{path}");

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
