using System.ComponentModel.DataAnnotations;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>sqlite</c> (embedded default).</summary>
    [Required]
    public string Provider { get; set; } = "sqlite";

    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/meetingbot.db";
}

public sealed class MeetingsOptions
{
    public const string SectionName = "Meetings";

    /// <summary>Folder of <c>*.meeting.yaml</c> files loaded at start.</summary>
    [Required]
    public string Folder { get; set; } = "samples";

    /// <summary>IANA time zone for times shown when a meeting names none.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Seoul";
}

public sealed class TimeboxOptions
{
    public const string SectionName = "Timebox";

    public TimeSpan WarnBefore { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan OverrunEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the clock asks the store what is due.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeboxSettings ToSettings() => new() { WarnBefore = WarnBefore, OverrunEvery = OverrunEvery };
}

public sealed class DraftingOptions
{
    public const string SectionName = "Drafting";

    /// <summary><c>rules</c> (default) or <c>azure-openai</c>.</summary>
    [Required]
    public string Provider { get; set; } = "rules";
}

/// <summary>Validates the options that need more than attributes, naming the setting that is wrong.</summary>
public sealed class HostOptionsValidator : IValidateOptions<TimeboxOptions>, IValidateOptions<MeetingsOptions>
{
    public ValidateOptionsResult Validate(string? name, TimeboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.WarnBefore < TimeSpan.Zero)
        {
            errors.Add("Timebox:WarnBefore 는 0 이상이어야 합니다.");
        }

        if (options.OverrunEvery < TimeSpan.FromMinutes(1))
        {
            errors.Add("Timebox:OverrunEvery 는 1분 이상이어야 합니다.");
        }

        if (options.TickInterval <= TimeSpan.Zero || options.TickInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add("Timebox:TickInterval 은 0초 초과 1분 이하여야 합니다.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, MeetingsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Meetings:TimeZone '{options.TimeZone}' 은(는) 알 수 없는 시간대입니다. 예: Asia/Seoul");
    }
}

/// <summary>Settings for the command-line verbs: the same appsettings.json and environment variables as the server.</summary>
public sealed record HostConfiguration(IConfiguration Configuration, TimeboxSettings Timebox, DraftingOptions Drafting)
{
    /// <param name="settingsFile">A further JSON settings file (<c>--settings</c>), read last so it wins.</param>
    public static HostConfiguration Load(string? settingsFile = null)
    {
        if (settingsFile is not null && !File.Exists(settingsFile))
        {
            throw new MeetingBotException($"설정 파일을 찾을 수 없습니다: {settingsFile}");
        }

        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables();
        if (settingsFile is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(settingsFile), optional: false);
        }

        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (InvalidDataException ex)
        {
            throw new MeetingBotException($"설정 파일을 읽을 수 없습니다: {ex.Message}", ex);
        }

        var timebox = Bind<TimeboxOptions>(configuration, TimeboxOptions.SectionName);
        var check = new HostOptionsValidator().Validate(null, timebox);
        if (check.Failed)
        {
            throw new MeetingBotException(check.FailureMessage);
        }

        return new HostConfiguration(configuration, timebox.ToSettings(), Bind<DraftingOptions>(configuration, DraftingOptions.SectionName));
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var value = new T();
        try
        {
            configuration.GetSection(section).Bind(value);
        }
        catch (InvalidOperationException ex)
        {
            throw new MeetingBotException($"설정 {section}의 값이 올바르지 않습니다: {ex.Message}", ex);
        }

        return value;
    }
}
