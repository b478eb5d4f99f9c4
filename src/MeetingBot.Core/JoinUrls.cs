using System.Globalization;

namespace MeetingBot.Core;

/// <summary>Join links of online meetings, as the calendar matcher and the Teams door compare them.</summary>
public static class JoinUrls
{
    /// <summary>
    /// The form two join links are compared in: scheme, host (lower case), unescaped path without its trailing slash.
    /// The query is left out: it carries tracking and tenant context (<c>?context=…</c>, <c>?authuser=1</c>), not the
    /// meeting. Teams thread ids in the path are case-sensitive; Meet codes are not.
    /// </summary>
    public static string? Normalize(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimEnd('/');
        if (uri.Host.Equals("meet.google.com", StringComparison.OrdinalIgnoreCase))
        {
            path = path.ToLowerInvariant();
        }

        return $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}{(uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture))}{path}";
    }
}
