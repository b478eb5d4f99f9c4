using MeetingBot.Channels.Doors;
using MeetingBot.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MeetingBot.Channels.GoogleChat;

/// <summary>
/// The whole Google Chat door: <c>POST /api/googlechat</c>, the Chat app's HTTP endpoint. Google's token is checked by
/// the <see cref="GoogleChatTokenCheck.SchemeName"/> scheme before the body is read (401; 404 while the app is
/// not configured); then the size (413) and the event (400). The engine decides through the <see cref="IChatInbox"/>
/// and the request is answered with an empty message once the input is durable: every reply is in the outbox and is
/// posted through the Chat API by the one drain (Host README, "나가는 길은 하나").
/// </summary>
public static partial class GoogleChatEndpoints
{
    public const string Path = "/api/googlechat";

    public static IEndpointRouteBuilder MapGoogleChat(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapDoor(Path, GoogleChatTokenCheck.SchemeName, HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, IChatInbox inbox, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        if (await DoorHosting.PassedAsync<GoogleChatAuthResult>(context, GoogleChatTokenCheck.SchemeName).ConfigureAwait(false) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: GoogleChatStrings.AuthFailedTitle, detail: GoogleChatStrings.MissingToken);
        }

        if (await RequestBodyLimit.ReadAsync(context).ConfigureAwait(false) is not { } body)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: GoogleChatStrings.BodyTooLarge);
        }

        var chatEvent = GoogleChatJson.Read(body);
        if (chatEvent is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: GoogleChatStrings.BadEvent);
        }

        if (chatEvent.Type == "REMOVED_FROM_SPACE")
        {
            // The engine has nothing to do: the binding is kept for the record, and posts to the space fail and are logged.
            LogRemoved(loggers.CreateLogger(typeof(GoogleChatEndpoints).FullName!), chatEvent.Space?.Name ?? "");
        }

        // A dropped connection must not cancel a turn half-way: the engine commits and acknowledges as one. The replies
        // are in the outbox with the input and go out through the Chat API in order behind whatever the space is owed.
        foreach (var input in GoogleChatMapper.Map(chatEvent))
        {
            await inbox.AcceptAsync(input, lifetime.ApplicationStopping).ConfigureAwait(false);
        }

        return TypedResults.Text(GoogleChatJson.Reply(null), "application/json; charset=utf-8");
    }

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Google Chat {Space}에서 앱이 제거되었습니다.")]
    private static partial void LogRemoved(ILogger logger, string space);
}
