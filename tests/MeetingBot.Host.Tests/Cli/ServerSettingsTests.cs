using System.Text.Json.Nodes;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Cli;

/// <summary>
/// The server takes <c>--구역:이름=값</c> only for sections it knows, and <c>WebApplicationFactory</c> passes every test's
/// settings that way: a section that appsettings.json has but the list lacks would make the server refuse its own setting.
/// </summary>
public sealed class ServerSettingsTests
{
    [Fact]
    public void EverySectionOfAppsettings_IsTakenOnTheServersCommandLine()
    {
        var settings = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("appsettings.json")))!.AsObject();

        foreach (var (section, _) in settings)
        {
            Assert.True(ServerSettings.IsKnown($"--{section}:X=1"), $"appsettings.json의 '{section}' 구역을 서버 명령줄이 받지 않습니다(ServerSettings.Sections).");
        }
    }

    [Theory]
    [InlineData("--Frob:X=1")]
    [InlineData("--Teams:AppId")]
    [InlineData("-Teams:AppId=1")]
    public void AnUnknownSection_OrAnArgumentWithoutValue_IsNotTaken(string arg) => Assert.False(ServerSettings.IsKnown(arg));
}
