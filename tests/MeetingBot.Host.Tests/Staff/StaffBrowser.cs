using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// The staff page as a browser uses it over HTTP: it keeps cookies, sends each form with the anti-forgery token of the
/// page it last read and with the page's own Origin, and does not follow redirects (tests look at them). Its cookie
/// jar keeps <c>Secure</c> cookies too: it stands for a browser whose own connection (to a TLS proxy) is HTTPS.
/// </summary>
public sealed partial class StaffBrowser : IDisposable
{
    public const string Origin = "http://localhost";

    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly HttpClient _client;

    public StaffBrowser(StaffHost host, string? remoteAddress = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        _client = host.CreateDefaultClient(new Uri(Origin));
        if (remoteAddress is not null)
        {
            _client.DefaultRequestHeaders.Add(StaffHost.RemoteAddressHeader, remoteAddress);
        }
    }

    /// <summary>The anti-forgery token of the last page read.</summary>
    public string? Token { get; private set; }

    public HttpRequestHeaders Headers => _client.DefaultRequestHeaders;

    /// <summary>The cookie the browser holds for the staff session, if any.</summary>
    public string? SessionCookie => _cookies.GetValueOrDefault("meetingbot-staff");

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)));

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Opens the login form, then sends <paramref name="key"/> with it.</summary>
    public async Task<HttpResponseMessage> LogInAsync(string key = StaffHost.ApiKey, string returnTo = "/staff", string origin = Origin)
    {
        (await GetAsync("/staff")).Dispose();
        return await PostAsync("/staff/login", new() { ["key"] = key, ["return"] = returnTo }, origin);
    }

    /// <summary>A form post as the page sends it; <paramref name="origin"/> null sends no Origin, <paramref name="withToken"/> false no token.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string>? fields = null, string? origin = Origin, bool withToken = true)
    {
        fields ??= [];
        if (withToken && Token is not null)
        {
            fields["__RequestVerificationToken"] = Token;
        }

        return await SendAsync(path, new FormUrlEncodedContent(fields), origin);
    }

    public Task<HttpResponseMessage> SendAsync(string path, HttpContent content, string? origin = Origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return SendAsync(request);
    }

    public void Dispose() => _client.Dispose();

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await _client.SendAsync(request);
            KeepCookies(response);
            await ReadTokenAsync(response);
            return response;
        }
    }

    /// <summary>Each Set-Cookie replaces its cookie; an empty value (how a server deletes one) removes it.</summary>
    private void KeepCookies(HttpResponseMessage response)
    {
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';', 2)[0];
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = (pair[..at].Trim(), pair[(at + 1)..].Trim());
            if (value.Length == 0)
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }
    }

    private async Task ReadTokenAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            return;
        }

        var match = TokenField().Match(await response.Content.ReadAsStringAsync());
        if (match.Success)
        {
            Token = WebUtility.HtmlDecode(match.Groups[1].Value);
        }
    }

    /// <summary>The page with its form tokens blanked: each rendering gets fresh ones, everything else should be equal.</summary>
    public static string WithoutTokens(string html) => TokenField().Replace(html, "name=\"__RequestVerificationToken\" value=\"\"");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
