using MeetingBot.Channels.Doors;
using System.Text.Json.Nodes;
using MeetingBot.Core;
using MeetingBot.Core.Cards;
using MeetingBot.Core.Engine;
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

        if (chatEvent.Type == "CARD_CLICKED")
        {
            var answer = await ClickedAsync(chatEvent, inbox, lifetime.ApplicationStopping).ConfigureAwait(false);
            return TypedResults.Text(answer.ToJsonString(GoogleChatJson.Options), "application/json; charset=utf-8");
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

    /// <summary>
    /// A card click is the command it stands for, decided by the engine and answered synchronously: the card replaced in
    /// place (<c>UPDATE_MESSAGE</c>) when the click moved the meeting, a private message to the clicker for anything
    /// the bot has to say (a refusal), the form as a dialog, a submitted form closed with <c>actionStatus</c> OK.
    /// </summary>
    private static async Task<JsonObject> ClickedAsync(GoogleChatEvent chatEvent, IChatInbox inbox, CancellationToken cancellationToken)
    {
        var viewer = chatEvent.User?.Name ?? "";
        if (chatEvent.DialogEventType == "CANCEL_DIALOG")
        {
            return GoogleChatCards.DialogClosed("");
        }

        if (GoogleChatMapper.Click(chatEvent) is not { } input)
        {
            return GoogleChatCards.Private(viewer, GoogleChatStrings.UnknownButton);
        }

        var result = await inbox.AcceptAsync(input, cancellationToken).ConfigureAwait(false);
        var said = result.Duplicate ? CardText.Redelivered : string.Join("\n", result.Answer);
        var function = chatEvent.Common?.InvokedFunction;
        if (function == GoogleChatCards.OpenFormFunction)
        {
            return result.Card is { Live: true } open ? GoogleChatCards.OpinionDialog(open) : GoogleChatCards.DialogClosed(said.Length > 0 ? said : BotText.NotStarted);
        }

        if (chatEvent.DialogEventType == "SUBMIT_DIALOG" || function == CardActions.Opinion)
        {
            return GoogleChatCards.DialogClosed(said);
        }

        return said.Length == 0 && result.Card is { } card ? GoogleChatCards.UpdateMessage(card) : GoogleChatCards.Private(viewer, said);
    }

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Google Chat {Space}에서 앱이 제거되었습니다.")]
    private static partial void LogRemoved(ILogger logger, string space);
}
