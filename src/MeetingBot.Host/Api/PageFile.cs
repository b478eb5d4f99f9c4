using System.Security.Cryptography;
using System.Text;

namespace MeetingBot.Host.Api;

/// <summary>
/// A file the staff pages load from this site (the stylesheet, the workspace's script), embedded so the host needs no
/// front-end build or static folder. Its link carries a hash of the content, so browsers may keep it for a year.
/// </summary>
public sealed class PageFile(string route, string content, string contentType)
{
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes(content);

    /// <summary>The route, under <c>/staff</c>.</summary>
    public string Route => route;

    public string Href => field ??= "/staff" + route + "?v=" + Convert.ToHexStringLower(SHA256.HashData(_bytes))[..12];

    public IResult Serve(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(_bytes, contentType);
    }
}
