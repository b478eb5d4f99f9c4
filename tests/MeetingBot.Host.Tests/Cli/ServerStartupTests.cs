using MeetingBot.Host.Cli;

namespace MeetingBot.Host.Tests.Cli;

/// <summary>
/// The real <c>meetingbot</c> server process with bad settings (<c>Section__Key</c> environment variables): it does
/// not start, exits 2, and says on standard error, in Korean and without a stack trace, every setting that is wrong.
/// </summary>
public sealed class ServerStartupTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("meetingbot-server-startup-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Dictionary<string, string> Settings(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Storage__ConnectionString"] = $"Data Source={Path.Combine(_work, "bot.db")}",
            ["Meetings__Folder"] = _work,
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return environment;
    }

    /// <summary>Exit 2, no stack trace, and a Korean <c>설정 오류:</c> line naming each of <paramref name="named"/>.</summary>
    internal static void AssertBadSettings(ProcessResult result, params string[] named)
    {
        Assert.True(result.Code == CommandLine.BadInput, result.ToString());
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Err, StringComparison.Ordinal);
        foreach (var setting in named)
        {
            Assert.True(
                result.ErrLines.Any(l => l.StartsWith("설정 오류: ", StringComparison.Ordinal) && l.Contains(setting, StringComparison.Ordinal)),
                $"no line names {setting}:\n{result}");
        }

        Assert.All(result.ErrLines, l => Assert.Matches("[가-힣]", l));
    }

    [Fact]
    public async Task TeamsAppId_WithoutPasswordOrTenant_ExitsWith2_NamingBothSettings_WithoutAStackTrace()
    {
        var result = await MeetingBotProcess.RunAsync(_work, Settings(("Teams:AppId", "3b5e1f0a-7c2d-4e8f-9a1b-0c2d3e4f5a6b")));

        AssertBadSettings(result, "Teams:AppPassword", "Teams:TenantId");
        Assert.DoesNotContain("Now listening", result.Out, StringComparison.Ordinal);
    }

    /// <summary>One setting wrong in every validated section at once: all are listed, not only the first.</summary>
    [Fact]
    public async Task OrganisationSignIn_WithoutItsAppRegistration_ExitsWith2_NamingClientIdAndSecret()
    {
        var result = await MeetingBotProcess.RunAsync(_work, Settings(("Staff:SignIn", "entra"), ("AzureAd:TenantId", "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b")));

        AssertBadSettings(result, "AzureAd:ClientId", "AzureAd:ClientSecret");
    }

    [Fact]
    public async Task BadSettingsInEverySection_AreAllListed_OneKoreanLineEach()
    {
        var result = await MeetingBotProcess.RunAsync(_work, Settings(
            ("Teams:AppId", "3b5e1f0a-7c2d-4e8f-9a1b-0c2d3e4f5a6b"),
            ("Teams:AppPassword", "secret"),
            ("Teams:TenantId", "tenant"),
            ("Teams:Connector:MaxRetryAttempts", "0"),
            ("GoogleChat:Audience", "12ab"),
            ("GoogleChat:AudienceType", "ProjectNumber"),
            ("GoogleChat:BaseUrl", "http://127.0.0.1:9/"),
            ("Staff:PublicBaseUrl", "meetingbot.example.go.kr"),
            ("Staff:ConversationId", "19:staff"),
            ("Staff:Channel", ""),
            ("Reports:MaxAttempts", "0"),
            ("Reports:RetryDelay", "00:00:00"),
            ("Timebox:OverrunEvery", "00:00:10"),
            ("Calendar:PollInterval", "00:00:00"),
            ("Calendar:Sources:0:Name", "회의 파일"),
            ("Calendar:Sources:0:Type", "outlook"),
            ("Drafting:Provider", "gpt"),
            ("Storage:Provider", "mysql"),
            ("Meetings:TimeZone", "Mars/Olympus")));

        AssertBadSettings(
            result,
            "Teams:Connector:MaxRetryAttempts",
            "GoogleChat:Audience",
            "Staff:PublicBaseUrl",
            "Staff:ConversationId",
            "Reports:MaxAttempts",
            "Reports:RetryDelay",
            "Timebox:OverrunEvery",
            "Calendar:PollInterval",
            "Calendar:Sources:0:Type",
            "Drafting:Provider",
            "Storage:Provider",
            "Meetings:TimeZone");
    }

    [Fact]
    public async Task TranscriptTimes_ThatCannotWork_StopTheStart_NamingEach()
    {
        var result = await MeetingBotProcess.RunAsync(_work, Settings(
            ("Transcripts:FirstAttemptAfter", "02:00:00"),
            ("Transcripts:GiveUpAfter", "01:00:00"),
            ("Transcripts:MinPresenceMinutes", "-1"),
            ("Transcripts:RetentionDays", "-1"),
            ("Transcripts:TeamsOrganizerId", "조영윤")));

        AssertBadSettings(result, "Transcripts:GiveUpAfter", "Transcripts:MinPresenceMinutes", "Transcripts:RetentionDays", "Transcripts:TeamsOrganizerId");
    }

    [Theory]
    [InlineData("Timebox:WarnBefore", "2분")]
    [InlineData("Reports:MaxAttempts", "다섯")]
    [InlineData("Teams:RequireMention", "yes")]
    [InlineData("GoogleChat:AudienceType", "Url")]
    public async Task AValueOfTheWrongType_IsNamedInKorean_WithWhatItShouldLookLike(string setting, string value)
    {
        var settings = setting.StartsWith("Teams", StringComparison.Ordinal)
            ? Settings((setting, value), ("Teams:AllowUnauthenticated", "true"))
            : Settings((setting, value));

        var result = await MeetingBotProcess.RunAsync(_work, settings);

        AssertBadSettings(result, $"{setting} 값 '{value}'");
        Assert.Contains("쓸 수 있는 값", result.Err, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every address a setting names must be https (http only to this machine): a token, key or secret feed address
    /// would otherwise cross the network in clear text, and Teams:OAuthAuthority must be https even on this machine
    /// (MSAL refuses it at the first send).
    /// </summary>
    [Theory]
    [InlineData("Teams:OAuthAuthority", "http://127.0.0.1:5000/")]
    [InlineData("Teams:OAuthAuthority", "http://login.microsoftonline.com/")]
    [InlineData("Teams:BotServiceMetadataUrl", "http://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("Teams:EntraMetadataUrl", "http://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration")]
    [InlineData("GoogleChat:BaseUrl", "http://chat.googleapis.com/")]
    [InlineData("GoogleChat:CertsUrl", "http://www.googleapis.com/oauth2/v3/certs")]
    [InlineData("GoogleChat:Audience", "http://meetingbot.example.go.kr/api/googlechat")]
    [InlineData("Calendar:Sources:0:Url", "http://calendar.example.go.kr/secret/basic.ics")]
    [InlineData("Calendar:Sources:0:BaseUrl", "http://www.googleapis.com/calendar/v3/")]
    [InlineData("Staff:ServiceUrl", "http://smba.trafficmanager.net/kr/")]
    [InlineData("Staff:PublicBaseUrl", "http://meetingbot.example.go.kr")]
    [InlineData("Drafting:AzureOpenAI:Endpoint", "http://example.openai.azure.com/")]
    [InlineData("Transcripts:GraphBaseUrl", "http://graph.microsoft.com/v1.0/")]
    [InlineData("Transcripts:MeetBaseUrl", "http://meet.googleapis.com/v2/")]
    public async Task AUrlSetting_ThatIsNotHttps_StopsTheStart_NamingIt(string setting, string value)
    {
        var around = setting.Split(':')[0] switch
        {
            "Teams" => [("Teams:AppId", "3b5e1f0a-7c2d-4e8f-9a1b-0c2d3e4f5a6b"), ("Teams:AppPassword", "secret"), ("Teams:TenantId", "tenant")],
            "GoogleChat" => [("GoogleChat:Audience", "https://meetingbot.example.go.kr/api/googlechat"), ("GoogleChat:BaseUrl", "http://127.0.0.1:9/")],
            "Calendar" when setting.EndsWith(":Url", StringComparison.Ordinal) => [("Calendar:Sources:0:Name", "피드"), ("Calendar:Sources:0:Type", "ics")],
            "Calendar" => [("Calendar:Sources:0:Name", "구글"), ("Calendar:Sources:0:Type", "google"), ("Calendar:Sources:0:CalendarId", "primary")],
            "Drafting" => [("Drafting:Provider", "azure-openai"), ("Drafting:AzureOpenAI:Deployment", "gpt-4o"), ("Drafting:AzureOpenAI:ApiKey", "k")],
            _ => Array.Empty<(string, string)>(),
        };

        var result = await MeetingBotProcess.RunAsync(_work, Settings([.. around, (setting, value)]));

        AssertBadSettings(result, setting);
        Assert.Contains("https", result.Err, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ServerSettingsOnTheCommandLine_AreCheckedLikeAnyOther()
    {
        var result = await MeetingBotProcess.RunAsync(_work, Settings(), "--Timebox:OverrunEvery=00:00:10");

        AssertBadSettings(result, "Timebox:OverrunEvery");
    }
}
