using MeetingBot.Channels.GoogleChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Tests.GoogleChat;

/// <summary>The <c>GoogleChat</c> section checked by the source-generated validator <c>AddGoogleChat</c> registers.</summary>
public sealed class GoogleChatOptionsTests
{
    private static IReadOnlyList<string> Failures(Dictionary<string, string?> settings)
    {
        using var provider = GoogleChatTestHost.Build(settings);
        return [.. Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GoogleChatOptions>>().Value).Failures];
    }

    [Fact]
    public void TheDefaults_Pass()
    {
        using var provider = GoogleChatTestHost.Build([]);

        Assert.False(provider.GetRequiredService<IOptions<GoogleChatOptions>>().Value.Enabled);
    }

    [Fact]
    public void AClearTextBaseUrl_IsNamed_EvenWhileTheDoorIsClosed()
    {
        var failure = Assert.Single(Failures(new() { ["GoogleChat:BaseUrl"] = "http://chat.example.com/" }));

        Assert.Contains("GoogleChat:BaseUrl", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOpenDoor_OnGoogle_WithoutAKey_AndAProjectNumberThatIsNone_NamesBoth()
    {
        var failures = Failures(new() { ["GoogleChat:Audience"] = "12ab", ["GoogleChat:AudienceType"] = "ProjectNumber" });

        Assert.Contains(failures, f => f.Contains("GoogleChat:Audience", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("GoogleChat:CredentialsFile", StringComparison.Ordinal));
        Assert.All(failures, f => Assert.Matches("[가-힣]", f));
    }
}
