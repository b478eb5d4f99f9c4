using MeetingBot.Reports.Drafting;
using MeetingBot.Reports.Drafting.AzureOpenAI;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Host.Tests;

/// <summary>The server refuses to start when the chosen drafter cannot work, and names the setting (ARCHITECTURE, rules).</summary>
public sealed class DraftingStartupTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "meetingbot-startup-tests", Guid.NewGuid().ToString("N"));

    // WithWebHostBuilder hands out a derived factory that the base one disposes, not the other way round.
    private readonly List<WebApplicationFactory<Program>> _factories = [];

    public DraftingStartupTests() => Directory.CreateDirectory(_work);

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }

        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private WebApplicationFactory<Program> Host(Dictionary<string, string?> settings)
    {
        settings["Storage:ConnectionString"] = $"Data Source={Path.Combine(_work, "bot.db")}";
        settings["Meetings:Folder"] = Path.Combine(_work, "meetings");
        var factory = new WebApplicationFactory<Program>();
        _factories.Add(factory);
        return factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(settings)));
    }

    private Task<Exception> StartFailsAsync(Dictionary<string, string?> settings) => HostStartup.FailsAsync(_work, settings);

    [Fact]
    public async Task AzureOpenAI_WithoutEndpointOrDeployment_StopsTheHost_NamingTheSettings()
    {
        var error = await StartFailsAsync(new() { ["Drafting:Provider"] = "azure-openai", ["Drafting:AzureOpenAI:ApiKey"] = "k" });

        var message = error.ToString();
        Assert.Contains("Drafting:AzureOpenAI:Endpoint 이(가) 설정되지 않았습니다", message);
        Assert.Contains("Drafting:AzureOpenAI:Deployment 이(가) 설정되지 않았습니다", message);
    }

    [Fact]
    public async Task AzureOpenAI_WithoutKeyOrEntraId_StopsTheHost_NamingTheKey()
    {
        var error = await StartFailsAsync(new()
        {
            ["Drafting:Provider"] = "azure-openai",
            ["Drafting:AzureOpenAI:Endpoint"] = "https://example.openai.azure.com/",
            ["Drafting:AzureOpenAI:Deployment"] = "gpt-4o",
        });

        Assert.Contains("Drafting:AzureOpenAI:ApiKey 이(가) 설정되지 않았습니다", error.ToString());
    }

    [Fact]
    public async Task UnknownProvider_StopsTheHost() =>
        Assert.Contains("Drafting:Provider 'gpt'", (await StartFailsAsync(new() { ["Drafting:Provider"] = "gpt" })).ToString());

    [Theory]
    [InlineData("k", "false")]
    [InlineData("", "true")]
    public void AzureOpenAI_WithEndpointDeploymentAndKeyOrEntraId_Starts(string key, string entra)
    {
        using var host = Host(new()
        {
            ["Drafting:Provider"] = "azure-openai",
            ["Drafting:AzureOpenAI:Endpoint"] = "https://example.openai.azure.com/",
            ["Drafting:AzureOpenAI:Deployment"] = "gpt-4o",
            ["Drafting:AzureOpenAI:ApiKey"] = key,
            ["Drafting:AzureOpenAI:UseEntraId"] = entra,
            ["Drafting:AzureOpenAI:MaxConcurrency"] = "2",
        });

        var drafter = host.Services.GetRequiredService<IOpinionDrafter>();

        Assert.IsType<AzureOpenAIDrafter>(drafter);
        Assert.Equal(2, drafter.Limits.MaxConcurrency);
    }

    [Fact]
    public void Rules_NeedNoAzureSettings()
    {
        using var host = Host(new() { ["Drafting:Provider"] = "rules" });

        Assert.IsType<RuleDrafter>(host.Services.GetRequiredService<IOpinionDrafter>());
    }
}
