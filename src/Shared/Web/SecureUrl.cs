using System.Diagnostics.CodeAnalysis;

namespace MeetingBot.Web;

/// <summary>
/// The rule for every address a setting names: https, or plain http only to this machine (a local test server or
/// emulator), so a key, a token or a feed's secret path never crosses the network in clear text. Shared as source:
/// adapters must not reference each other.
/// </summary>
internal static class SecureUrl
{
    public static bool IsHttpsOrLoopback([NotNullWhen(true)] string? value) => IsHttpsOrLoopback(value, out _);

    public static bool IsHttpsOrLoopback([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(value, UriKind.Absolute, out uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
