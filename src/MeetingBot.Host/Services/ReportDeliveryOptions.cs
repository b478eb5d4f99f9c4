using System.ComponentModel.DataAnnotations;
using MeetingBot.Core;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Services;

public sealed class ReportsOptions
{
    public const string SectionName = "Reports";

    /// <summary>Each ended meeting's report files go to <c>{Folder}/{meetingId}/</c>.</summary>
    [Required(ErrorMessage = "Reports:Folder 를 정해 주세요. 예: data/reports")]
    public string Folder { get; set; } = "data/reports";

    /// <summary>Tries per delivery before it is recorded as failed (a restart or the staff page tries again).</summary>
    [Range(1, 100, ErrorMessage = "Reports:MaxAttempts 는 1 이상 100 이하여야 합니다.")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first failed try; each later wait doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A report of several meetings prints <c>(분과)</c> after each ▸ bullet (SPEC §6 <c>markSubcommittee</c>).</summary>
    public bool MarkSubcommittee { get; set; }

    /// <summary><see cref="MarkSubcommittee"/> as <paramref name="configuration"/> sets it, for the command line.</summary>
    public static bool MarkSubcommitteeIn(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            return configuration.GetSection(SectionName).GetValue<bool>(nameof(MarkSubcommittee));
        }
        catch (InvalidOperationException ex)
        {
            throw new MeetingBotException($"{SectionName}:{nameof(MarkSubcommittee)} 는 true 또는 false여야 합니다.", ex);
        }
    }

    public TimeSpan DelayAfter(int failedAttempt)
    {
        var factor = Math.Pow(2, Math.Min(failedAttempt - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}

/// <summary>Checks delivery settings at start, naming the setting that is wrong.</summary>
public sealed class ReportDeliveryOptionsValidator : IValidateOptions<ReportsOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RetryDelay <= TimeSpan.Zero)
        {
            errors.Add("Reports:RetryDelay 는 0초보다 커야 합니다.");
        }

        if (options.MaxRetryDelay < options.RetryDelay)
        {
            errors.Add("Reports:MaxRetryDelay 는 Reports:RetryDelay 이상이어야 합니다.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
