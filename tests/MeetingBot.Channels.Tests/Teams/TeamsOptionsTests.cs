using MeetingBot.Channels.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Tests.Teams;

public sealed class TeamsOptionsTests
{
    private static OptionsValidationException Invalid(Dictionary<string, string?> settings)
    {
        using var services = TeamsTestHost.Build(settings);
        return Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TeamsOptions>>().Value);
    }

    private static TeamsOptions Valid(Dictionary<string, string?> settings)
    {
        using var services = TeamsTestHost.Build(settings);
        return services.GetRequiredService<IOptions<TeamsOptions>>().Value;
    }

    [Fact]
    public void Missing_app_id_is_refused_unless_unauthenticated_development_is_switched_on()
    {
        Assert.Contains(Invalid([]).Failures, f => f.Contains("Teams:AppId"));
        Assert.True(Valid(new() { ["Teams:AllowUnauthenticated"] = "true" }).AllowUnauthenticated);
    }

    [Fact]
    public void App_id_needs_its_secret_and_tenant()
    {
        var error = Invalid(new() { ["Teams:AppId"] = "app" });

        Assert.Contains(error.Failures, f => f.Contains("Teams:AppPassword"));
        Assert.Contains(error.Failures, f => f.Contains("Teams:TenantId"));
    }

    [Theory]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("not a url")]
    public void Metadata_url_must_be_https_or_loopback(string url)
    {
        var error = Invalid(new() { ["Teams:AllowUnauthenticated"] = "true", ["Teams:BotServiceMetadataUrl"] = url });

        Assert.Contains(error.Failures, f => f.Contains("Teams:BotServiceMetadataUrl"));
    }

    [Fact]
    public void Loopback_metadata_url_over_http_is_allowed_for_local_tools()
    {
        Valid(new() { ["Teams:AllowUnauthenticated"] = "true", ["Teams:BotServiceMetadataUrl"] = "http://127.0.0.1:5000/openid" });
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/kr/")]
    [InlineData("smba.trafficmanager.net/kr")]
    [InlineData(" ")]
    public void Trusted_service_url_hosts_must_be_bare_host_names(string host)
    {
        var error = Invalid(new() { ["Teams:AllowUnauthenticated"] = "true", ["Teams:TrustedServiceUrlHosts:0"] = host });

        Assert.Contains(error.Failures, f => f.Contains("Teams:TrustedServiceUrlHosts", StringComparison.Ordinal) && f.Contains(host, StringComparison.Ordinal));
    }

    [Fact]
    public void Total_timeout_must_exceed_the_attempt_timeout()
    {
        var error = Invalid(new() { ["Teams:AllowUnauthenticated"] = "true", ["Teams:Connector:AttemptTimeout"] = "00:01:00", ["Teams:Connector:TotalTimeout"] = "00:00:30" });

        Assert.Contains(error.Failures, f => f.Contains("TotalTimeout"));
    }

    [Fact]
    public void Defaults_keep_below_the_connector_limits_per_conversation()
    {
        var connector = new TeamsOptions().Connector;

        Assert.InRange(connector.SendsPerSecond, 1, 6);
        Assert.InRange(connector.SendsPer30Seconds, 1, 59);
    }
}
