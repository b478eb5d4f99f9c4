using MeetingBot.Channels.GoogleChat;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Api;

/// <summary>
/// <c>POST /api/googlechat</c>, the Google Chat app's HTTP endpoint: check Google's token, read the event, hand it to
/// the engine, and answer with an empty message once the input is durable. The replies are committed with it to the
/// outbox and posted through the Chat API by the one drain, in order behind whatever the space is already owed
/// (Host README, "One way out"). Nothing is read or stored before the token checks.
/// </summary>
public static partial class GoogleChatApi
{
    public const string Path = "/api/googlechat";

    /// <summary>Chat events are a few kilobytes; anything near this is not from Chat.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static RouteHandlerBuilder MapGoogleChat(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.MapPost(Path, HandleAsync);
    }

    public static async Task<IResult> HandleAsync(
        HttpContext context,
        IOptions<GoogleChatOptions> options,
        GoogleChatAuthenticator authenticator,
        ChatInputProcessor processor,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Value.Enabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: GoogleChatStrings.Disabled);
        }

        var auth = await authenticator.AuthenticateAsync(context.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, context.RequestAborted).ConfigureAwait(false);
        if (!auth.Succeeded)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: GoogleChatStrings.AuthFailedTitle, detail: auth.Reason);
        }

        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: GoogleChatStrings.BodyTooLarge);
        }

        var chatEvent = GoogleChatJson.Read(body);
        if (chatEvent is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: GoogleChatStrings.BadEvent);
        }

        var logger = loggers.CreateLogger(typeof(GoogleChatApi).FullName!);
        if (chatEvent.Type == "REMOVED_FROM_SPACE")
        {
            // The engine has nothing to do: the binding is kept for the record, and posts to the space fail and are logged.
            LogRemoved(logger, chatEvent.Space?.Name ?? "");
        }

        // A dropped connection must not cancel a turn half-way: the engine commits and acknowledges as one.
        foreach (var input in GoogleChatMapper.Map(chatEvent))
        {
            await processor.AcceptAsync(input, lifetime.ApplicationStopping).ConfigureAwait(false);
        }

        return TypedResults.Text(GoogleChatJson.Reply(null), "application/json; charset=utf-8");
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Google Chat {Space}에서 앱이 제거되었습니다.")]
    private static partial void LogRemoved(ILogger logger, string space);
}
