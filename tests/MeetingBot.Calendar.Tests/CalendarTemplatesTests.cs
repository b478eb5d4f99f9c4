using MeetingBot.Core;
using MeetingBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingBot.Calendar.Tests;

/// <summary><c>Calendar:Templates</c>: title patterns tied to template meeting files, checked at start.</summary>
public sealed class CalendarTemplatesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("meetingbot-templates-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddCalendar().BuildServiceProvider();
    }

    private string Template()
    {
        var path = Path.Combine(_folder, "strategy.meeting.yaml");
        File.Copy(RepositoryFiles.PathOf("samples", "2020-09", "strategy.meeting.yaml"), path, overwrite: true);
        return path;
    }

    [Fact]
    public void Configured_templates_are_read_and_match_event_titles()
    {
        var template = Template();
        using var provider = Provider(new Dictionary<string, string?>
        {
            ["Calendar:Templates:0:Pattern"] = "전략사업.*분과",
            ["Calendar:Templates:0:MeetingFile"] = template,
        });

        var templates = provider.GetRequiredService<CalendarTemplates>();

        var only = Assert.Single(templates.Templates);
        Assert.Equal("ydp-2020-09-strategy", only.Definition.Id);
        Assert.True(only.Matches("9월 전략사업 분과회의"));
        Assert.False(only.Matches("협치기반조성 분과회의"));
        Assert.Contains(Path.GetFullPath(template), templates.Files);
    }

    [Fact]
    public void Without_templates_there_are_none()
    {
        using var provider = Provider([]);

        Assert.Empty(provider.GetRequiredService<CalendarTemplates>().Templates);
    }

    [Fact]
    public void Bad_templates_stop_the_host_with_messages_naming_the_setting_and_the_file()
    {
        var broken = Path.Combine(_folder, "broken.meeting.yaml");
        File.WriteAllText(broken, File.ReadAllText(Template()).Replace("timeZone: Asia/Seoul", "timeZone: Mars/Olympus", StringComparison.Ordinal));
        using var provider = Provider(new Dictionary<string, string?>
        {
            ["Calendar:Templates:0:Pattern"] = "전략사업(",
            ["Calendar:Templates:0:MeetingFile"] = Template(),
            ["Calendar:Templates:1:Pattern"] = "기반조성",
            ["Calendar:Templates:1:MeetingFile"] = Path.Combine(_folder, "없음.meeting.yaml"),
            ["Calendar:Templates:2:Pattern"] = "역량강화",
            ["Calendar:Templates:2:MeetingFile"] = broken,
            ["Calendar:Templates:3:MeetingFile"] = Template(),
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CalendarOptions>>().Value);

        var failures = error.Failures.ToList();
        Assert.Contains(failures, f => f.StartsWith("Calendar:Templates:0:Pattern", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Calendar:Templates:1:MeetingFile", StringComparison.Ordinal) && f.Contains("없음.meeting.yaml", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Calendar:Templates:2:MeetingFile", StringComparison.Ordinal) && f.Contains(broken, StringComparison.Ordinal) && f.Contains("Mars/Olympus", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Calendar:Templates:3:Pattern", StringComparison.Ordinal));
    }

    [Fact]
    public void A_template_file_that_breaks_after_start_is_an_error_naming_it()
    {
        var options = new CalendarOptions();
        options.Templates.Add(new CalendarTemplateOptions { Pattern = "전략사업", MeetingFile = Path.Combine(_folder, "사라진.meeting.yaml") });

        var error = Assert.Throws<MeetingBotException>(() => CalendarTemplates.Load(options));

        Assert.Equal("Calendar:Templates:0:MeetingFile", error.Field);
    }
}
