using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace MeetingBot.Host.Teams;

/// <summary>
/// Refuses an activity body over <see cref="MaxBytes"/> with 413 before it is parsed (Teams activities are a few KB).
/// The body is read once into memory up to the limit, so the answer is the same for a declared length and a chunked upload.
/// </summary>
public sealed class RequestBodyLimit : IEndpointFilter
{
    public const int MaxBytes = 256 * 1024;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        if (request.ContentLength > MaxBytes)
        {
            return TooLarge();
        }

        if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes + 1L;
        }

        var body = new MemoryStream((int)Math.Min(request.ContentLength ?? 4096, MaxBytes + 1L));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > MaxBytes)
                {
                    return TooLarge();
                }

                body.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        body.Position = 0;
        request.Body = body;
        return await next(context).ConfigureAwait(false);
    }

    private static IResult TooLarge() => TypedResults.Problem(
        TeamsHostText.BodyTooLarge,
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: TeamsHostText.BodyTooLargeTitle);
}
