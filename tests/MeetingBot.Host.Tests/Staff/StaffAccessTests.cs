using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// The staff key through the real pipeline: how strong it must be, how many wrong tries a client gets, what the cookie
/// holds and how long, and what the forwarded headers of a trusted proxy change.
/// </summary>
public sealed class StaffAccessTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task WrongKeys_FromOneClient_Get429WithRetryAfter_WhileAnotherClientLogsIn_UntilTheWindowPasses()
    {
        await using var host = new StaffHost(_work);
        using var guesser = host.Browser();
        using var colleague = host.Browser();
        guesser.Headers.Add("X-Forwarded-For", "198.51.100.10");
        colleague.Headers.Add("X-Forwarded-For", "198.51.100.11");

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await guesser.LogInAsync($"guess-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var held = await guesser.LogInAsync();
        var cookieWhileHeld = guesser.SessionCookie;
        using var other = await colleague.LogInAsync();
        host.Clock.Advance(Window);
        using var later = await guesser.LogInAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
        Assert.Equal(Window, held.Headers.RetryAfter!.Delta);
        Assert.Contains("너무 여러 번 틀려", await held.Content.ReadAsStringAsync());
        Assert.Contains("15분 뒤에 다시 시도해 주세요", await held.Content.ReadAsStringAsync());
        Assert.Null(cookieWhileHeld);
        Assert.Equal(HttpStatusCode.SeeOther, other.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, later.StatusCode);
        Assert.NotNull(guesser.SessionCookie);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 430 && r.Message.Contains("198.51.100.10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongBearerKeys_AreThrottledPerClientToo()
    {
        await using var host = new StaffHost(_work);
        using var tool = host.StaffClient("wrong-" + StaffHost.ApiKey);
        using var otherTool = host.StaffClient();
        tool.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        otherTool.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.8");
        var meetings = new Uri("/api/meetings", UriKind.Relative);

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await tool.GetAsync(meetings);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        tool.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StaffHost.ApiKey);
        using var held = await tool.GetAsync(meetings);
        using var other = await otherTool.GetAsync(meetings);

        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
        Assert.Equal(Window, held.Headers.RetryAfter!.Delta);
        using var problem = JsonDocument.Parse(await held.Content.ReadAsStringAsync());
        Assert.Contains("15분 뒤에", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task ForwardedAddresses_FromAnUntrustedSender_AreIgnored_SoItsWrongKeysStillAddUp()
    {
        await using var host = new StaffHost(_work);
        using var guesser = host.Browser(remoteAddress: "203.0.113.50");

        for (var i = 0; i < 5; i++)
        {
            guesser.Headers.Remove("X-Forwarded-For");
            guesser.Headers.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            (await guesser.LogInAsync($"guess-{i}")).Dispose();
        }

        using var held = await guesser.LogInAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
    }

    [Fact]
    public async Task AProxyNamedInKnownProxies_IsBelievedThatTheBrowserUsedHttps_AnotherSenderIsNot()
    {
        await using var host = new StaffHost(_work, settings: new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "192.0.2.10" });
        using var behindProxy = host.Browser(remoteAddress: "192.0.2.10");
        using var pretender = host.Browser(remoteAddress: "192.0.2.99");
        foreach (var browser in new[] { behindProxy, pretender })
        {
            browser.Headers.Add("X-Forwarded-For", "198.51.100.20");
            browser.Headers.Add("X-Forwarded-Proto", "https");
        }

        using var viaProxy = await behindProxy.LogInAsync(origin: "https://localhost");
        using var direct = await pretender.LogInAsync();

        Assert.Equal(HttpStatusCode.SeeOther, viaProxy.StatusCode);
        Assert.Contains("secure", SessionSetCookie(viaProxy), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.SeeOther, direct.StatusCode);
        Assert.DoesNotContain("secure", SessionSetCookie(direct), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https", true)]
    [InlineData(null, false)]
    public async Task BehindALocalTlsProxy_TheSessionCookieIsSecure_HttpOnlyAndStrict(string? forwardedProto, bool secure)
    {
        await using var host = new StaffHost(_work);
        using var browser = host.Browser();
        if (forwardedProto is not null)
        {
            browser.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        using var login = await browser.LogInAsync(origin: $"{forwardedProto ?? "http"}://localhost");

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var cookie = SessionSetCookie(login);
        Assert.Equal(secure, cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheCookie_HoldsARandomSessionId_NeverTheKey()
    {
        await using var host = new StaffHost(_work);
        using var first = host.Browser();
        using var second = host.Browser();

        (await first.LogInAsync()).Dispose();
        (await second.LogInAsync()).Dispose();

        var ids = new[] { first.SessionCookie!, second.SessionCookie! };
        Assert.NotEqual(ids[0], ids[1]);
        Assert.All(ids, id =>
        {
            Assert.DoesNotContain(StaffHost.ApiKey, Uri.UnescapeDataString(id), StringComparison.Ordinal);
            Assert.Matches("^[A-Za-z0-9_-]{43}$", id);
        });
    }

    [Fact]
    public async Task LoggingOut_EndsTheSession_EvenForACopyOfTheCookie()
    {
        await using var host = new StaffHost(_work);
        using var browser = host.Browser();
        (await browser.LogInAsync()).Dispose();
        var copy = browser.SessionCookie!;
        (await browser.GetAsync("/staff")).Dispose();

        using var logout = await browser.PostAsync("/staff/logout");

        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookieAsync(host, copy));
    }

    [Fact]
    public async Task ARestart_EndsEverySession()
    {
        string cookie;
        await using (var first = new StaffHost(_work))
        {
            using var browser = first.Browser();
            (await browser.LogInAsync()).Dispose();
            cookie = browser.SessionCookie!;
            Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(first, cookie));
        }

        await using var second = new StaffHost(_work);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookieAsync(second, cookie));
    }

    [Fact]
    public async Task ASession_EndsAfterStaffSessionLifetime()
    {
        await using var host = new StaffHost(_work, settings: new Dictionary<string, string?> { ["Staff:SessionLifetime"] = "02:00:00" });
        using var browser = host.Browser();
        (await browser.LogInAsync()).Dispose();

        host.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        var before = await StatusWithCookieAsync(host, browser.SessionCookie!);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await StatusWithCookieAsync(host, browser.SessionCookie!);

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.Unauthorized, after);
    }

    [Theory]
    [InlineData("k", "너무 짧습니다(1자)")]
    [InlineData("test-staff-key-7Qm2", "너무 짧습니다(19자)")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "서로 다른 문자 1개")]
    [InlineData("passwordpasswordpasswordpassword", "서로 다른 문자 7개")]
    [InlineData("correct horse battery staple 1234567", "공백")]
    [InlineData("직원키직원키직원키직원키직원키직원키직원키직원키직원키직원키직원키", "한글 불가")]
    public async Task AWeakStaffKey_StopsTheHost_WithAKoreanLineNamingStaffApiKey(string key, string reason)
    {
        var error = (await HostStartup.FailsAsync(_work.Root, new() { ["Staff:ApiKey"] = key })).ToString();

        Assert.Contains("Staff:ApiKey", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", error, StringComparison.Ordinal);
        if (key.Length > 1)
        {
            Assert.DoesNotContain(key, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.example", "ForwardedHeaders:KnownProxies:0 'proxy.example' 은(는) IP 주소가 아닙니다")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks:0 '10.0.0.0/33' 은(는) CIDR 형식의 네트워크가 아닙니다")]
    public async Task AnUnreadableTrustedProxy_StopsTheHost_NamingTheSetting(string setting, string value, string message)
    {
        var error = await HostStartup.FailsAsync(_work.Root, new() { [setting] = value });

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    private static string SessionSetCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("meetingbot-staff=", StringComparison.Ordinal));

    /// <summary>The staff list asked with only this session cookie, as a copied cookie would be sent.</summary>
    private static async Task<HttpStatusCode> StatusWithCookieAsync(StaffHost host, string cookie)
    {
        using var client = host.StaffClient(key: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/staff", UriKind.Relative));
        request.Headers.Add("Cookie", $"meetingbot-staff={cookie}");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
