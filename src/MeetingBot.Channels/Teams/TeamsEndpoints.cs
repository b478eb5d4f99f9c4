using System.Text.Json;
using MeetingBot.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Teams;

/// <summary>An authenticated activity the engine should see, with what the binder needs beside the <see cref="ChatInput"/>.</summary>
public sealed record TeamsInbound(Activity Activity, ChatInput Input, string? MeetingId, bool BotMentioned);

public static class TeamsEndpoints
{
    /// <summary>
    /// <c>POST {pattern}</c> for the Bot Service: check the token (401), the content type (415), read the activity (400),
    /// bind the token to it (403), map, hand over, answer. <paramref name="handle"/> should
    /// only queue work: Teams gives up on a bot that takes longer than about 15 seconds.
    /// </summary>
    public static RouteHandlerBuilder MapTeams(
        this IEndpointRouteBuilder endpoints,
        Func<TeamsInbound, IServiceProvider, CancellationToken, Task> handle,
        string pattern = "/api/messages")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(handle);
        return endpoints.MapPost(pattern, (Delegate)((HttpContext context) => HandleAsync(context, handle)));
    }

    private static async Task<IResult> HandleAsync(HttpContext context, Func<TeamsInbound, IServiceProvider, CancellationToken, Task> handle)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var authenticator = services.GetRequiredService<BotAuthenticator>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsEndpoints).FullName!);
        var cancellationToken = context.RequestAborted;
        string? authorization = context.Request.Headers.Authorization;

        // Strangers learn nothing about the body before they show a valid token: it is checked before the body is read.
        var token = await authenticator.VerifyTokenAsync(authorization, cancellationToken).ConfigureAwait(false);
        if (!token.Succeeded)
            return Problem(token);

        if (!context.Request.HasJsonContentType())
            return TypedResults.Problem(TeamsStrings.NotJson, statusCode: StatusCodes.Status415UnsupportedMediaType, title: TeamsStrings.NotJsonTitle);

        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(context.Request.Body, TeamsJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is null)
            return TypedResults.Problem(TeamsStrings.BadActivity, statusCode: StatusCodes.Status400BadRequest, title: TeamsStrings.BadActivityTitle);

        var auth = authenticator.CheckActivity(token, activity);
        if (!auth.Succeeded)
            return Problem(auth);

        var input = ActivityMapper.Map(activity);
        var mentioned = ActivityMapper.MentionsBot(activity);
        var unmentionedGroupMessage = input?.Kind == ChatInputKind.Message && !mentioned && !ActivityMapper.IsPersonal(activity);
        if (input is null || (options.RequireMention && unmentionedGroupMessage))
        {
            TeamsLog.Ignored(logger, activity.Type, activity.Id);
            return TypedResults.Ok();
        }

        await handle(new TeamsInbound(activity, input, ActivityMapper.MeetingId(activity), mentioned), services, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok();
    }

    private static IResult Problem(BotAuthResult auth) => TypedResults.Problem(
        auth.Reason,
        statusCode: auth.Status == BotAuthStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
        title: TeamsStrings.AuthFailedTitle);
}
