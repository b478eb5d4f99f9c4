using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingBot.TestSupport;
using Microsoft.AspNetCore.WebUtilities;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// <c>Staff:SignIn = entra</c> through the real host and a local OpenID provider (<see cref="LocalOpenIdProvider"/>):
/// the browser's round trip followed by hand, cookie by cookie, and what an attacker would try on it.
/// </summary>
public sealed class StaffSignInTests : IAsyncLifetime, IDisposable
{
    private const string Role = "MeetingBot.Staff";
    private static readonly OrganisationAccount Hanul = new("김하늘", "hanul@ydp.go.kr", Role);

    private readonly HostWork _work = HostWork.WithSharedSample();
    private LocalOpenIdProvider _provider = null!;

    public async Task InitializeAsync() => _provider = await LocalOpenIdProvider.StartAsync();

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    public void Dispose() => _work.Dispose();

    private StaffHost Host() => new(_work, settings: _provider.HostSettings);

    /// <summary>The page's request without a session, answered by a redirect to the provider's authorize endpoint.</summary>
    private async Task<Uri> ChallengedAsync(StaffBrowser browser, string path = "/staff")
    {
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var authorize = response.Headers.Location!;
        Assert.StartsWith(_provider.Instance + LocalOpenIdProvider.TenantId + "/oauth2/v2.0/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);
        return authorize;
    }

    /// <summary>The provider's answer to <paramref name="authorize"/>: the callback on our host, as a local path with its query.</summary>
    private static async Task<string> ProviderAnswersAsync(Uri authorize)
    {
        using var idp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await idp.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var callback = answer.Headers.Location!;
        Assert.Equal("http://localhost/signin-oidc", callback.GetLeftPart(UriPartial.Path));
        return callback.PathAndQuery;
    }

    private async Task<HttpResponseMessage> SignInAsync(StaffBrowser browser, string path = "/staff") =>
        await browser.GetAsync(await ProviderAnswersAsync(await ChallengedAsync(browser, path)));

    /// <summary>A host with 김하늘 signed in on its page, on the page's list (so the browser holds its form token).</summary>
    private Task<StaffSession> SignedInAsync()
    {
        _provider.User = Hanul;
        return StaffSession.StartAsync(Host(), async signedIn =>
        {
            (await SignInAsync(signedIn.Browser)).Dispose();
            (await signedIn.Browser.GetAsync("/staff")).Dispose();
        });
    }

    [Fact]
    public async Task AStaffMemberWithTheAppRole_SignsInWithCodeAndPkce_LandsWhereTheyWereGoing_AndTheHistoryNamesThem()
    {
        _provider.User = Hanul;
        await using var host = Host();
        await host.ReplaySampleAsync();
        using var browser = host.Browser();

        var authorize = await ChallengedAsync(browser, "/staff/meetings/" + StaffHost.MeetingId);
        var query = QueryHelpers.ParseQuery(authorize.Query);
        using var signedIn = await browser.GetAsync(await ProviderAnswersAsync(authorize));
        var page = await signedIn.Content.ReadAsStringAsync();
        using var meeting = await browser.GetAsync("/staff/meetings/" + StaffHost.MeetingId);

        Assert.Equal(("code", "S256", "http://localhost/signin-oidc", LocalOpenIdProvider.ClientId), (query["response_type"].ToString(), query["code_challenge_method"].ToString(), query["redirect_uri"].ToString(), query["client_id"].ToString()));
        Assert.Contains("openid", query["scope"].ToString(), StringComparison.Ordinal);
        Assert.False(query.ContainsKey("response_mode"), "query is the code flow's own response mode");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains("로그인되었습니다", page, StringComparison.Ordinal);
        Assert.Contains($"<meta http-equiv=\"refresh\" content=\"0;url=/staff/meetings/{StaffHost.MeetingId}\">", page, StringComparison.Ordinal);
        Assert.NotNull(browser.SessionCookie);
        Assert.Equal(HttpStatusCode.OK, meeting.StatusCode);
        Assert.Equal(1, _provider.TokensIssued);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 433 && r.Message.Contains("김하늘(hanul@ydp.go.kr)", StringComparison.Ordinal));

        using var created = await ChangeAsync(browser, HttpMethod.Post, "/api/reports", new { meetingIds = new[] { StaffHost.MeetingId } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var report = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var rid = report.RootElement.GetProperty("id").GetString()!;
        var bullet = report.RootElement.GetProperty("bullets")[0].GetProperty("id").GetString()!;
        using var edited = await ChangeAsync(browser, HttpMethod.Patch, $"/api/reports/{rid}/bullets/{bullet}", new { text = "김하늘이 고친 문장." }, created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        using var history = JsonDocument.Parse(await browser.GetStringAsync($"/api/reports/{rid}/history"));
        var change = Assert.Single(history.RootElement.EnumerateArray());
        Assert.Equal(("edit", "김하늘"), (change.GetProperty("kind").GetString(), change.GetProperty("who").GetString()));
    }

    /// <summary>A change from the page's session, as its script sends it: our Origin and the page's anti-forgery token.</summary>
    private static async Task<HttpResponseMessage> ChangeAsync(StaffBrowser browser, HttpMethod method, string path, object body, string? etag = null)
    {
        (await browser.GetAsync("/staff")).Dispose();
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Origin", StaffBrowser.Origin);
        request.Headers.Add("RequestVerificationToken", browser.Token);
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await browser.SendAsync(request);
    }

    [Fact]
    public async Task AnAccountWithoutADisplayName_IsNamedByItsUserName()
    {
        _provider.User = new OrganisationAccount(null, "minsu@ydp.go.kr", Role);
        await using var host = Host();
        using var browser = host.Browser();

        using var signedIn = await SignInAsync(browser);

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 433 && r.Message.Contains("minsu@ydp.go.kr(minsu@ydp.go.kr)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAccountWithoutTheAppRole_Gets403InKorean_AndNoSession()
    {
        _provider.User = new OrganisationAccount("박민원", "minwon@ydp.go.kr", "MeetingBot.Reader");
        await using var host = Host();
        using var browser = host.Browser();

        using var refused = await SignInAsync(browser);
        var page = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("직원 화면을 쓸 권한이 없습니다", page, StringComparison.Ordinal);
        Assert.Contains("minwon@ydp.go.kr", page, StringComparison.Ordinal);
        Assert.Contains($"앱 역할 &#x27;{Role}&#x27;", page, StringComparison.Ordinal);
        Assert.Null(browser.SessionCookie);
        await ChallengedAsync(browser);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 434);
    }

    [Theory]
    [InlineData("signed by a key the provider never published", "IDX10511")]
    [InlineData("issued to another app", "IDX10214")]
    [InlineData("issued by another tenant", "IDX10205")]
    [InlineData("carrying another sign-in's nonce", "IDX21323")]
    public async Task AnIdTokenThatIsNotOurs_IsRefused_ForThatReason_WithAKoreanPage_AndNoSession(string attack, string reason)
    {
        _provider.User = Hanul;
        const string OtherTenant = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
        _provider.Tamper = attack switch
        {
            "signed by a key the provider never published" => t => t with { Key = new SigningKey(_provider.Key.Id, pair: "impostor") },
            "issued to another app" => t => t with { Spec = t.Spec with { Audience = "5c4b3a29-1807-4f6e-9d5c-4b3a29180766" } },
            "issued by another tenant" => t =>
            {
                var other = t.WithClaim("tid", OtherTenant);
                return other with { Spec = other.Spec with { Issuer = _provider.Instance + OtherTenant + "/v2.0" } };
            },
            _ => t => t.WithClaim("nonce", "638000000000000000.T3RoZXJTaWduSW5Ob25jZQ"),
        };
        await using var host = Host();
        using var browser = host.Browser();

        using var refused = await SignInAsync(browser);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("로그인하지 못했습니다", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(browser.SessionCookie);
        Assert.Equal(1, _provider.TokensIssued);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 435 && r.Message.Contains(reason, StringComparison.Ordinal));
        await ChallengedAsync(browser);
    }

    [Fact]
    public async Task ACallbackCarriedToAnotherBrowser_OrReplayed_IsRefused_AndItsCodeIsRedeemedOnlyByItsOwnBrowser()
    {
        _provider.User = Hanul;
        await using var host = Host();
        using var owner = host.Browser();
        using var victim = host.Browser();
        var callback = await ProviderAnswersAsync(await ChallengedAsync(owner));
        await ChallengedAsync(victim);

        using var carried = await victim.GetAsync(callback);
        using var own = await owner.GetAsync(callback);
        var ownSession = owner.SessionCookie;
        using var replayed = await owner.GetAsync(callback);

        Assert.Equal(HttpStatusCode.Unauthorized, carried.StatusCode);
        Assert.Contains("로그인하지 못했습니다", await carried.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(victim.SessionCookie);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.NotNull(ownSession);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(ownSession, owner.SessionCookie);
        Assert.Equal(1, _provider.TokensIssued);
        Assert.Equal(2, host.Logs.GetSnapshot().Count(r => r.Id.Id == 435 && r.Message.Contains("Correlation failed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SigningOut_EndsTheSession_AndThenTheProvidersOwn_SoTheNextVisitSignsInAgain()
    {
        await using var signedIn = await SignedInAsync();
        var (host, browser) = (signedIn.Host, signedIn.Browser);
        var session = browser.SessionCookie;

        using var logout = await browser.PostAsync("/staff/logout");
        using var idp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var providerOut = await idp.GetAsync(logout.Headers.Location!);
        using var signedOut = await browser.GetAsync(providerOut.Headers.Location!.PathAndQuery);
        using var stale = host.Browser();
        stale.Headers.Add("Cookie", $"meetingbot-staff={session}");

        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.StartsWith(_provider.Instance + LocalOpenIdProvider.TenantId + "/oauth2/v2.0/logout?", logout.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(["http://localhost/staff/signed-out"], _provider.SignOuts);
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Contains("로그아웃되었습니다", await signedOut.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(browser.SessionCookie);
        await ChallengedAsync(stale);
    }

    [Fact]
    public async Task ALogoutWithoutThePagesToken_IsRefused_AndTheSessionLives()
    {
        await using var signedIn = await SignedInAsync();
        var browser = signedIn.Browser;

        using var forged = await browser.PostAsync("/staff/logout", origin: "https://evil.example");
        using var list = await browser.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Empty(_provider.SignOuts);
    }

    [Fact]
    public async Task WhileTheProviderCannotBeReached_ThePageSays503InKorean()
    {
        await using var host = Host();
        using var browser = host.Browser();
        await _provider.DisposeAsync();

        using var page = await browser.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("조직 계정 로그인을 시작할 수 없습니다", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 438);
    }

    [Fact]
    public async Task WithEntra_TheKeyFormIsClosed_ButToolsKeepTheirBearerKeys()
    {
        await using var host = Host();
        using var browser = host.Browser();
        using var tool = host.StaffClient();
        using var nobody = host.StaffClient(key: null);
        using var stranger = host.StaffClient("wrong-" + StaffHost.ApiKey);

        using var keyed = await browser.PostAsync("/staff/login", new() { ["key"] = StaffHost.ApiKey, ["return"] = "/staff" });
        using var meetings = await tool.GetAsync(new Uri("/api/meetings", UriKind.Relative));
        using var refused = await stranger.GetAsync(new Uri("/api/meetings", UriKind.Relative));
        using var anonymous = await nobody.GetAsync(new Uri("/api/meetings", UriKind.Relative));

        Assert.Equal(HttpStatusCode.SeeOther, keyed.StatusCode);
        Assert.Equal("/staff", keyed.Headers.Location!.OriginalString);
        Assert.Null(browser.SessionCookie);
        Assert.Equal(HttpStatusCode.OK, meetings.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty(_provider.Authorizations);
    }

    [Fact]
    public async Task WithTheDefaultKeySignIn_ThePageShowsTheKeyForm_AndNoProviderIsAsked()
    {
        await using var host = new StaffHost(_work);
        using var browser = host.Browser();

        using var form = await browser.GetAsync("/staff");
        using var signedIn = await browser.LogInAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, form.StatusCode);
        Assert.Contains("name=\"key\"", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.NotNull(browser.SessionCookie);
        Assert.Empty(_provider.Authorizations);
    }

    [Theory]
    [InlineData("AzureAd:ClientId", "", "AzureAd:ClientId 이(가) 비어 있습니다")]
    [InlineData("AzureAd:ClientId", "meetingbot", "AzureAd:ClientId 'meetingbot' 은(는) GUID 형식이어야")]
    [InlineData("AzureAd:TenantId", "organizations", "AzureAd:TenantId 'organizations' 은(는) 모든 조직의 계정을")]
    [InlineData("AzureAd:ClientSecret", "", "AzureAd:ClientSecret 이(가) 비어 있습니다")]
    [InlineData("AzureAd:Instance", "http://login.example.go.kr/", "AzureAd:Instance 'http://login.example.go.kr/' 은(는) https://")]
    [InlineData("Staff:RequiredRole", " ", "Staff:RequiredRole 이(가) 비어 있습니다")]
    [InlineData("Staff:SignIn", "saml", "Staff:SignIn 'saml' 은(는) key(직원 키) 또는 entra")]
    public async Task ABadSignInSetting_StopsTheHost_NamingIt(string setting, string value, string message)
    {
        var settings = _provider.HostSettings;
        settings[setting] = value;

        var error = await HostStartup.FailsAsync(_work.Root, settings);

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }
}
