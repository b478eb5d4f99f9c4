using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Api;

/// <summary>How a request stands with the staff key.</summary>
public enum StaffCaller
{
    /// <summary>No key and no live session: the login form, or 401.</summary>
    Anonymous,

    /// <summary>A key was given and it is wrong (counted against the client).</summary>
    WrongKey,

    /// <summary>This client gave too many wrong keys lately; its keys are not even looked at (429).</summary>
    Throttled,

    /// <summary>The right key in <c>Authorization: Bearer</c>: a tool, which needs no anti-forgery token.</summary>
    Bearer,

    /// <summary>A live staff page session (cookie): its form posts need the anti-forgery token and our Origin.</summary>
    Session,
}

public readonly record struct StaffCheck(StaffCaller Caller, TimeSpan RetryAfter = default)
{
    public bool IsStaff => Caller is StaffCaller.Bearer or StaffCaller.Session;
}

/// <summary>
/// Who may use the staff API and page: the Bearer key, or a session that the key opened on the page. The cookie holds
/// only a random session id; the key is compared in constant time, and wrong keys are counted per client
/// (<see cref="LoginThrottle"/>) whether they came in the form or in a header.
/// </summary>
public sealed partial class StaffAccess(IOptions<StaffOptions> options, StaffSessions sessions, LoginThrottle throttle, ILogger<StaffAccess> logger)
{
    public const string Cookie = "meetingbot-staff";
    public const string SessionClaim = "meetingbot-staff-session";

    // Staff:ApiKey is the unnamed 직원; each of Staff:Users signs in as themself (SPEC §8).
    private readonly (byte[] Hash, string Name)[] _keys =
    [
        .. options.Value.ApiKey.Length == 0 ? [] : new[] { (Hash(options.Value.ApiKey), UnnamedStaff) },
        .. options.Value.Users.Select(u => (Convert.FromHexString(u.KeySha256), u.Name.Trim())),
    ];

    public bool IsClosed => _keys.Length == 0;

    /// <summary>
    /// Checks the request's Bearer key, else its session cookie. A session becomes the request's user, so anti-forgery
    /// tokens are bound to it.
    /// </summary>
    public StaffCheck Authenticate(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return TryKey(http, header[7..].Trim(), StaffCaller.Bearer);
        }

        if (http.Request.Cookies.TryGetValue(Cookie, out var id) && sessions.Find(id) is { } session)
        {
            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(SessionClaim, session)], "StaffSession"));
            http.Items[StaffNameItem] = sessions.NameOf(session);
            return new(StaffCaller.Session);
        }

        return new(StaffCaller.Anonymous);
    }

    /// <summary>The unnamed staff member of <c>Staff:ApiKey</c>, as the history names them (SPEC §8).</summary>
    public const string UnnamedStaff = "직원";

    /// <summary>Who the authenticated staff caller is, for the history of a report.</summary>
    public static string NameOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.TryGetValue(StaffNameItem, out var name) && name is string s ? s : UnnamedStaff;
    }

    private const string StaffNameItem = "meetingbot-staff-name";

    /// <summary>The key typed into the staff page: on success a new session and its cookie.</summary>
    public StaffCheck LogIn(HttpContext http, string key)
    {
        ArgumentNullException.ThrowIfNull(http);
        var check = TryKey(http, key, StaffCaller.Session);
        if (check.Caller == StaffCaller.Session)
        {
            StartSession(http, NameOf(http));
        }

        return check;
    }

    /// <summary>
    /// A new page session of <paramref name="name"/> and its cookie: after the right key, or after the organisation's
    /// sign-in (<see cref="StaffSignIn"/>) vouched for the person.
    /// </summary>
    public void StartSession(HttpContext http, string name)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        http.Items[StaffNameItem] = name;
        http.Response.Cookies.Append(Cookie, sessions.Start(options.Value.SessionLifetime, name), CookieOptions(http));
    }

    public void LogOut(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies.TryGetValue(Cookie, out var id))
        {
            sessions.End(id);
        }

        http.Response.Cookies.Delete(Cookie, CookieOptions(http));
    }

    private StaffCheck TryKey(HttpContext http, string given, StaffCaller success)
    {
        if (IsClosed)
        {
            return new(StaffCaller.Anonymous);
        }

        var client = LoginThrottle.ClientOf(http);
        if (throttle.RetryAfter(client) is var wait && wait > TimeSpan.Zero)
        {
            return new(StaffCaller.Throttled, wait);
        }

        // Hashing first makes both sides the same length, and every key is compared, so the check takes as long for any
        // wrong key and does not tell which key came closest.
        var hash = Hash(given);
        string? name = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                name ??= key.Name;
            }
        }

        if (name is not null)
        {
            throttle.Succeeded(client);
            http.Items[StaffNameItem] = name;
            return new(success);
        }

        if (throttle.Failed(client) is var blocked && blocked > TimeSpan.Zero)
        {
            LogBlocked(logger, client, options.Value.LoginFailureLimit, (int)Math.Ceiling(blocked.TotalMinutes));
        }

        return new(StaffCaller.WrongKey);
    }

    /// <summary>
    /// <c>Secure</c> whenever the browser's request was HTTPS, which behind a TLS proxy the forwarded headers tell
    /// (<see cref="ProxyOptions"/>); a browser-session cookie, so closing the browser also signs out.
    /// </summary>
    private static CookieOptions CookieOptions(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        IsEssential = true,
        Path = "/",
    };

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    [LoggerMessage(EventId = 430, Level = LogLevel.Warning, Message = "클라이언트 {Client}이(가) 직원 키를 {Limit}번 틀려 {Minutes}분 동안 키 확인을 막습니다(429).")]
    private static partial void LogBlocked(ILogger logger, string client, int limit, int minutes);
}

/// <summary>
/// Staff page sessions, in memory: a restart ends them all, as does each one's lifetime. Only a hash of each id is
/// kept, so the table itself could not be replayed as cookies.
/// </summary>
public sealed class StaffSessions(TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>A new session of <paramref name="name"/>: 256 random bits, base64url, as the cookie carries it.</summary>
    public string Start(TimeSpan lifetime, string name = StaffAccess.UnnamedStaff)
    {
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        lock (_expiry)
        {
            foreach (var stale in _expiry.Where(e => e.Value <= now).Select(e => e.Key).ToList())
            {
                _expiry.Remove(stale);
                _names.Remove(stale);
            }

            _expiry[Handle(id)] = now + lifetime;
            _names[Handle(id)] = name;
        }

        return id;
    }

    /// <summary>The session's handle (a hash of its id) while it lives, else null.</summary>
    public string? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64)
        {
            return null;
        }

        var handle = Handle(id);
        lock (_expiry)
        {
            return _expiry.TryGetValue(handle, out var until) && until > time.GetUtcNow() ? handle : null;
        }
    }

    /// <summary>Who signed in for the session <paramref name="handle"/> (from <see cref="Find"/>).</summary>
    public string NameOf(string handle)
    {
        lock (_expiry)
        {
            return _names.GetValueOrDefault(handle, StaffAccess.UnnamedStaff);
        }
    }

    public void End(string id)
    {
        lock (_expiry)
        {
            _expiry.Remove(Handle(id));
            _names.Remove(Handle(id));
        }
    }

    private static string Handle(string id) => Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Wrong staff keys per client in a sliding window (<see cref="StaffOptions.LoginFailureLimit"/> within
/// <see cref="StaffOptions.LoginFailureWindow"/>). The client is the address after the forwarded headers of trusted
/// proxies were applied; IPv6 clients are counted per /64, the block one subscriber is usually given.
/// </summary>
public sealed class LoginThrottle(TimeProvider time, IOptions<StaffOptions> options)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private int _pruneAt = 1024;

    private int Limit => options.Value.LoginFailureLimit;

    private TimeSpan Window => options.Value.LoginFailureWindow;

    public static string ClientOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    /// <summary>How long <paramref name="client"/> must wait before its next key is looked at; zero when it may try now.</summary>
    public TimeSpan RetryAfter(string client)
    {
        var now = time.GetUtcNow();
        lock (_failures)
        {
            return _failures.TryGetValue(client, out var failures) ? Wait(failures, now) : TimeSpan.Zero;
        }
    }

    /// <summary>Counts a wrong key; returns the wait it brings on (zero while the client is under the limit).</summary>
    public TimeSpan Failed(string client)
    {
        var now = time.GetUtcNow();
        lock (_failures)
        {
            if (_failures.Count >= _pruneAt)
            {
                Prune(now);
            }

            if (!_failures.TryGetValue(client, out var failures))
            {
                _failures[client] = failures = new Queue<DateTimeOffset>(Limit);
            }

            Expire(failures, now);
            failures.Enqueue(now);
            while (failures.Count > Limit)
            {
                failures.Dequeue();
            }

            return Wait(failures, now);
        }
    }

    public void Succeeded(string client)
    {
        lock (_failures)
        {
            _failures.Remove(client);
        }
    }

    private TimeSpan Wait(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        Expire(failures, now);
        return failures.Count >= Limit ? failures.Peek() + Window - now : TimeSpan.Zero;
    }

    private void Expire(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && failures.Peek() + Window <= now)
        {
            failures.Dequeue();
        }
    }

    /// <summary>Drops clients with nothing left in the window; the next prune waits for twice what remains, so it stays cheap.</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var (client, failures) in _failures.ToList())
        {
            Expire(failures, now);
            if (failures.Count == 0)
            {
                _failures.Remove(client);
            }
        }

        _pruneAt = Math.Max(1024, _failures.Count * 2);
    }
}

public static class StaffAccessExtensions
{
    /// <summary>The staff settings (validated at start), sessions, the wrong-key throttle, and anti-forgery for the page's forms.</summary>
    public static IServiceCollection AddStaffAccess(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<StaffOptions>().BindConfiguration(StaffOptions.SectionName);
        services.AddSingleton<IValidateOptions<StaffOptions>, StaffOptionsValidator>();
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<StaffAccess>();

        // A form token lives no longer than the session it belongs to, and a restart ends those, so the keys that sign
        // the tokens need not outlive the process either (and are never written to disk).
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "meetingbot-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        return services;
    }
}
