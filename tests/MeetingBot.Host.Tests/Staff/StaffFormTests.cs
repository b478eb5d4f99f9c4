using System.Net;
using System.Text;
using MeetingBot.Core;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// The staff page's form posts through the real pipeline: each needs the page's anti-forgery token and our Origin,
/// and a broken or oversized form is a Korean 4xx page, never a 500.
/// </summary>
public sealed class StaffFormTests : IDisposable
{
    private static readonly TimeSpan RetryStep = TimeSpan.FromMinutes(1);
    private static readonly string DeliverPath = $"/staff/meetings/{StaffHost.MeetingId}/deliver";
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Redeliver_WithoutThePagesToken_Is400AndAsksNothing_WithItTheReportIsSent()
    {
        var blocker = StaffHost.BlockReportFolder(_work);
        await using var host = new StaffHost(_work);
        var gateway = host.StaffGateway;
        await host.ReplaySampleAsync();
        await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Failed, advance: RetryStep);
        File.Delete(blocker);
        using var browser = host.Browser();
        (await browser.LogInAsync()).Dispose();
        Assert.Contains("다시 보내기", await browser.GetStringAsync($"/staff/meetings/{StaffHost.MeetingId}"));

        using var forged = await browser.PostAsync(DeliverPath, withToken: false);
        var untouched = await host.Store.GetDeliveryAsync(StaffHost.MeetingId);
        using var fromThePage = await browser.PostAsync(DeliverPath);
        var delivered = await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Notified, advance: RetryStep);
        await host.OutboxIdleAsync();

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("보안 토큰이 없거나 만료되었습니다", await forged.Content.ReadAsStringAsync());
        Assert.Equal(DeliveryStatus.Failed, untouched!.Status);
        Assert.Equal(HttpStatusCode.SeeOther, fromThePage.StatusCode);
        Assert.Equal(4, delivered.Attempts);
        Assert.Single(gateway.Sent);
    }

    [Theory]
    [InlineData("https://evil.example", "https://evil.example")]
    [InlineData("http://localhost.evil.example", "http://localhost.evil.example")]
    [InlineData("http://localhost:8080", "http://localhost:8080")]
    [InlineData("null", "null")]
    [InlineData(null, "보낸 곳(Origin·Referer 헤더)이 없어")]
    public async Task AFormPostFromAnotherOrigin_Is403WithAKoreanPage_EvenWithAValidToken(string? origin, string shown)
    {
        await using var host = new StaffHost(_work);
        using var browser = host.Browser();
        (await browser.LogInAsync()).Dispose();
        (await browser.GetAsync("/staff")).Dispose();

        using var response = await browser.PostAsync("/staff/logout", origin: origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("다른 곳에서 보낸 요청입니다", page);
        Assert.Contains(shown, page);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff")).StatusCode);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 431);
    }

    [Fact]
    public async Task WithoutOrigin_TheRefererDecides_AnotherSitesIs403_OursIsAccepted()
    {
        await using var host = new StaffHost(_work);
        using var browser = host.Browser();
        (await browser.LogInAsync()).Dispose();
        (await browser.GetAsync("/staff")).Dispose();

        browser.Headers.Referrer = new Uri("https://evil.example/staff");
        using var foreign = await browser.PostAsync("/staff/logout", origin: null);
        browser.Headers.Referrer = new Uri($"{StaffBrowser.Origin}/staff");
        using var ours = await browser.PostAsync("/staff/logout", origin: null);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("https://evil.example", await foreign.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.SeeOther, ours.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task TheLoginForm_WithoutItsToken_Is400_AndOpensNoSession()
    {
        await using var host = new StaffHost(_work);
        using var browser = host.Browser();
        (await browser.GetAsync("/staff")).Dispose();

        using var login = await browser.PostAsync("/staff/login", new() { ["key"] = StaffHost.ApiKey, ["return"] = "/staff" }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Contains("양식이 만료되었습니다", await login.Content.ReadAsStringAsync());
        Assert.Null(browser.SessionCookie);
    }

    [Theory]
    [InlineData("multipart/form-data", "--x\r\n")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nabc")]
    [InlineData("multipart/form-data; boundary=x", "garbage without any boundary")]
    public async Task AMalformedLoginForm_IsAKorean400Page(string contentType, string body)
    {
        await using var host = new StaffHost(_work);
        using var browser = host.Browser();
        (await browser.GetAsync("/staff")).Dispose();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await browser.SendAsync("/staff/login", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<html lang=\"ko\">", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ALoginFormValueOver4MB_IsAKorean413Page()
    {
        await using var host = new StaffHost(_work);
        using var browser = host.Browser();
        (await browser.GetAsync("/staff")).Dispose();

        using var response = await browser.PostAsync("/staff/login", new() { ["key"] = new string('k', 5 * 1024 * 1024), ["return"] = "/staff" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("요청이 너무 큽니다", await response.Content.ReadAsStringAsync());
    }
}
