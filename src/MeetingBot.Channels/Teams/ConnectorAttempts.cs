using System.Net;

namespace MeetingBot.Channels.Teams;

/// <summary>
/// Whether a connector call may have done its work although the bot never heard so. Creating an activity
/// (<c>POST …/activities</c>) is not idempotent: the Bot Connector API has no idempotency key and assigns the new
/// activity's id itself, so a POST sent again after a timeout or a 5xx that the connector had in fact carried out
/// shows the message twice. Only an answer that proves nothing happened (429, 412, or no connection at all) lets a
/// POST go again (README, "Sending under stress").
/// </summary>
internal static class ConnectorAttempts
{
    /// <summary>Set on the request by <see cref="ConnectorAttemptHandler"/> after each attempt.</summary>
    public static readonly HttpRequestOptionsKey<bool> OutcomeUnknown = new("MeetingBot.Teams.OutcomeUnknown");

    /// <summary>Whether the last attempt of <paramref name="request"/> left open if the connector acted on it.</summary>
    public static bool IsOutcomeUnknown(HttpRequestMessage request) =>
        request.Options.TryGetValue(OutcomeUnknown, out var unknown) && unknown;

    /// <summary>Failures before a byte of the request left: no name, no connection, no TLS session.</summary>
    public static bool NeverSent(HttpRequestException exception) => exception.HttpRequestError
        is HttpRequestError.NameResolutionError
        or HttpRequestError.ConnectionError
        or HttpRequestError.SecureConnectionError
        or HttpRequestError.ProxyTunnelError;

    /// <summary>Answers after which the connector may or may not have acted: a timeout or a server-side failure.</summary>
    public static bool IsAmbiguous(HttpStatusCode status) =>
        status == HttpStatusCode.RequestTimeout || (int)status >= 500;
}

/// <summary>
/// The innermost handler of the connector client: records per attempt whether its outcome is unknown
/// (<see cref="ConnectorAttempts.OutcomeUnknown"/>), for the retry predicate and for <see cref="ConnectorClient"/>.
/// </summary>
internal sealed class ConnectorAttemptHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Until an answer says otherwise (or the attempt is cancelled or times out mid-flight), it may have arrived.
        request.Options.Set(ConnectorAttempts.OutcomeUnknown, true);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ConnectorAttempts.NeverSent(ex))
        {
            request.Options.Set(ConnectorAttempts.OutcomeUnknown, false);
            throw;
        }

        request.Options.Set(ConnectorAttempts.OutcomeUnknown, ConnectorAttempts.IsAmbiguous(response.StatusCode));
        return response;
    }
}

/// <summary>
/// A connector call that failed in a way that leaves open whether the connector carried it out (a timeout, a 5xx).
/// A send that ends so is not sent again: a duplicate in the meeting chat is worse than the rare lost reply.
/// </summary>
public sealed class ConnectorOutcomeUnknownException : HttpRequestException
{
    public ConnectorOutcomeUnknownException(string message, HttpStatusCode? status, Exception? inner)
        : base(message, inner, status)
    {
    }

    public ConnectorOutcomeUnknownException()
    {
    }

    public ConnectorOutcomeUnknownException(string message)
        : base(message)
    {
    }

    public ConnectorOutcomeUnknownException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
