using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>The staff API through the real host: the key, the four formats, Korean file names, and bad requests.</summary>
public sealed class StaffApiTests : IDisposable
{
    private const string Title = "영등포구협치회의 분과회의(9월) 개최 결과 보고";
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData(StaffHost.ApiKey + "x")]
    public async Task WithoutTheRightKey_EveryStaffEndpointIs401(string? key)
    {
        await using var host = new StaffHost(_work);
        using var client = host.StaffClient(key);

        foreach (var path in new[] { "/api/meetings", $"/api/meetings/{StaffHost.MeetingId}/report?format=docx", "/api/meetings/no-such/report" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("인증", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task MeetingList_ShowsTheLoadedSampleWithItsState()
    {
        await using var host = new StaffHost(_work);
        using var client = host.StaffClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/meetings", UriKind.Relative)));

        var meeting = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(StaffHost.MeetingId, meeting.GetProperty("id").GetString());
        Assert.Equal("전략사업", meeting.GetProperty("subcommittee").GetString());
    }

    [Theory]
    [InlineData("json", "application/json; charset=utf-8")]
    [InlineData("md", "text/markdown; charset=utf-8")]
    [InlineData("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("hwpx", "application/hwp+zip")]
    public async Task Report_EachFormatHasItsContentType_AndAKoreanFileNameInRfc5987Form(string format, string contentType)
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync();
        using var client = host.StaffClient();

        using var response = await client.GetAsync(new Uri($"/api/meetings/{StaffHost.MeetingId}/report?format={format}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        var raw = response.Content.Headers.GetValues("Content-Disposition").Single();
        Assert.StartsWith("attachment;", raw, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''", raw, StringComparison.Ordinal);
        Assert.True(raw.All(c => c < 128), $"header must be ASCII: {raw}");
        var parsed = ContentDispositionHeaderValue.Parse(raw);
        Assert.Equal($"{Title} ({StaffHost.MeetingId}).{format}", parsed.FileNameStar);
        Assert.EndsWith($"({StaffHost.MeetingId}).{format}", parsed.FileName!.Trim('"'), StringComparison.Ordinal);

        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length > 100);
        if (format is "docx" or "hwpx")
        {
            Assert.Equal((byte)'P', body[0]);
            Assert.Equal((byte)'K', body[1]);
        }
        else
        {
            Assert.Contains("협치지원관 인건비", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Report_WithoutFormat_IsJson()
    {
        await using var host = new StaffHost(_work);
        using var client = host.StaffClient();

        using var response = await client.GetAsync(new Uri($"/api/meetings/{StaffHost.MeetingId}/report", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Title, json.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Report_OfAnUnknownMeeting_Is404WithAKoreanProblem()
    {
        await using var host = new StaffHost(_work);
        using var client = host.StaffClient();

        using var response = await client.GetAsync(new Uri("/api/meetings/no-such-meeting/report?format=docx", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-such-meeting", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("hwp")]
    [InlineData("..%2Fetc")]
    public async Task Report_InAnUnknownFormat_Is400NamingTheFormatsThatExist(string format)
    {
        await using var host = new StaffHost(_work);
        using var client = host.StaffClient();

        using var response = await client.GetAsync(new Uri($"/api/meetings/{StaffHost.MeetingId}/report?format={format}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("지원하지 않는 형식", problem);
        Assert.Contains("docx", problem);
        Assert.Contains("hwpx", problem);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("md")]
    [InlineData("docx")]
    public async Task Report_IsAlwaysASavedFile_NeverSniffedOrRunInTheBrowser(string format)
    {
        await using var host = new StaffHost(_work);
        using var client = host.StaffClient();

        using var response = await client.GetAsync(new Uri($"/api/meetings/{StaffHost.MeetingId}/report?format={format}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("sandbox", policy, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Report_AcceptsTheStaffPageSession_ButNotTheKeyAsACookie()
    {
        await using var host = new StaffHost(_work);
        using var browser = host.Browser();
        using var client = host.StaffClient(key: null);
        var path = $"/api/meetings/{StaffHost.MeetingId}/report?format=md";
        using var planted = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        planted.Headers.Add("Cookie", $"meetingbot-staff={StaffHost.ApiKey}");

        using var withKeyCookie = await client.SendAsync(planted);
        (await browser.LogInAsync()).Dispose();
        using var withSession = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, withKeyCookie.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withSession.StatusCode);
    }
}
