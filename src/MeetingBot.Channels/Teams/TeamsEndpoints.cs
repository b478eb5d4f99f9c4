using System.Text.Json;
using MeetingBot.Channels.Doors;
using MeetingBot.Channels.Teams.Cards;
using MeetingBot.Core;
using MeetingBot.Core.Cards;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Teams;

/// <summary>
/// The whole Teams door: <c>POST /api/messages</c> for the Bot Service. The token is checked by the
/// <see cref="TeamsTokenCheck.SchemeName"/> scheme before the body is read (401); then the size (413),
/// the content type (415), the activity (400), the activity against the token (403); then the mapping, the meeting found by
/// join URL while the chat is unbound, and the <see cref="IChatInbox"/>. The inbox returns once the input is durable
/// and queues the replies, because Teams gives up on a bot that takes longer than about 15 seconds.
/// </summary>
public static partial class TeamsEndpoints
{
    public const string Endpoint = "/api/messages";

    /// <summary>Maps the door when <see cref="TeamsHosting.AddTeams"/> turned Teams on; otherwise logs that it is off.</summary>
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<TeamsMeetingBinder>() is null)
        {
            LogOff(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsEndpoints).FullName!));
            return endpoints;
        }

        endpoints.MapDoor(Endpoint, TeamsTokenCheck.SchemeName, HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        IOptions<TeamsOptions> options,
        BotAuthenticator authenticator,
        TeamsMeetingBinder binder,
        IChatInbox inbox,
        ILoggerFactory loggers)
    {
        var cancellationToken = context.RequestAborted;
        if (await DoorHosting.PassedAsync<BotAuthResult>(context, TeamsTokenCheck.SchemeName).ConfigureAwait(false) is not { } token)
            return TypedResults.Problem(TeamsStrings.MissingToken, statusCode: StatusCodes.Status401Unauthorized, title: TeamsStrings.AuthFailedTitle);

        if (await RequestBodyLimit.ReadAsync(context).ConfigureAwait(false) is not { } body)
            return TypedResults.Problem(TeamsStrings.BodyTooLarge, statusCode: StatusCodes.Status413PayloadTooLarge, title: TeamsStrings.BodyTooLargeTitle);

        if (!context.Request.HasJsonContentType())
            return TypedResults.Problem(TeamsStrings.NotJson, statusCode: StatusCodes.Status415UnsupportedMediaType, title: TeamsStrings.NotJsonTitle);

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, TeamsJson.Options);
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is null)
            return TypedResults.Problem(TeamsStrings.BadActivity, statusCode: StatusCodes.Status400BadRequest, title: TeamsStrings.BadActivityTitle);

        var auth = authenticator.CheckActivity(token, activity);
        if (!auth.Succeeded)
        {
            var refusal = TeamsTokenCheck.Refusal(auth);
            return TypedResults.Problem(refusal.Detail, statusCode: refusal.Status, title: refusal.Title);
        }

        var logger = loggers.CreateLogger(typeof(TeamsEndpoints).FullName!);
        var input = ActivityMapper.Map(activity);
        var invoke = string.Equals(activity.Type, ActivityTypes.Invoke, StringComparison.OrdinalIgnoreCase);
        if (invoke && input is null)
        {
            TeamsLog.Ignored(logger, activity.Type, activity.Id);
            return Invoked(AgendaAdaptiveCard.Message(TeamsStrings.UnknownInvoke, refused: true));
        }

        if (input is null || (options.Value.RequireMention && input.Kind == ChatInputKind.Message && !input.AddressedToBot))
        {
            TeamsLog.Ignored(logger, activity.Type, activity.Id);
            return TypedResults.Ok();
        }

        if (await binder.FindMeetingAsync(activity, input.Conversation, cancellationToken).ConfigureAwait(false) is { } meetingId)
            input = input with { MeetingHint = meetingId };

        var result = await inbox.AcceptAsync(input, cancellationToken).ConfigureAwait(false);
        if (result.Duplicate)
            LogRedelivery(logger, input.MessageId, input.Conversation.ConversationId);

        return invoke ? Invoked(Answer(result)) : TypedResults.Ok();
    }

    /// <summary>
    /// What the clicking user sees next, synchronously (Universal Actions): the agenda card as the click left it,
    /// headed by the bot's answer (a refusal in red) — to that person only; the chat sees only what the command
    /// announces to everyone. A redelivered click changes nothing and says so.
    /// </summary>
    private static AdaptiveCard Answer(EngineResult result)
    {
        if (result.Duplicate)
            return AgendaAdaptiveCard.Message(CardText.Redelivered);
        var notice = string.Join("\n", result.Answer);
        return result.Card is { } card
            ? AgendaAdaptiveCard.Build(card, notice, result.Refused)
            : AgendaAdaptiveCard.Message(notice.Length > 0 ? notice : TeamsStrings.UnknownInvoke, result.Refused);
    }

    private static IResult Invoked(AdaptiveCard card) =>
        TypedResults.Json(new InvokeResponse(StatusCodes.Status200OK, AdaptiveCard.ContentType, card), TeamsJson.Options);

    [LoggerMessage(EventId = 4210, Level = LogLevel.Debug, Message = "Teams 활동 {MessageId}({Conversation})은(는) 이미 처리했습니다(재전송).")]
    private static partial void LogRedelivery(ILogger logger, string messageId, string conversation);

    [LoggerMessage(EventId = 4220, Level = LogLevel.Information, Message = "Teams 채널이 꺼져 있습니다(Teams:AppId 없음). /api/messages 를 열지 않습니다.")]
    private static partial void LogOff(ILogger logger);
}
