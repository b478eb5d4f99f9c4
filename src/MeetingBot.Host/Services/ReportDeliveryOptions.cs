using System.ComponentModel.DataAnnotations;
using MeetingBot.Host.Api;
using MeetingBot.Web;
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

    public TimeSpan DelayAfter(int failedAttempt)
    {
        var factor = Math.Pow(2, Math.Min(failedAttempt - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}

/// <summary>Checks delivery and staff settings at start, naming the setting that is wrong.</summary>
public sealed class ReportDeliveryOptionsValidator : IValidateOptions<ReportsOptions>, IValidateOptions<StaffOptions>
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

    public ValidateOptionsResult Validate(string? name, StaffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl) && !SecureUrl.IsHttpsOrLoopback(options.PublicBaseUrl))
        {
            errors.Add($"Staff:PublicBaseUrl '{options.PublicBaseUrl}' 은(는) https:// 로 시작하는 절대 주소여야 합니다(http는 이 컴퓨터 주소에서만). 예: https://meetingbot.example.go.kr");
        }

        // The bot's token goes to this address with every notice.
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl) && !SecureUrl.IsHttpsOrLoopback(options.ServiceUrl))
        {
            errors.Add($"Staff:ServiceUrl '{options.ServiceUrl}' 은(는) https:// 로 시작하는 절대 주소여야 합니다(http는 이 컴퓨터 주소에서만). 예: https://smba.trafficmanager.net/kr/");
        }

        if (!string.IsNullOrWhiteSpace(options.ConversationId) && string.IsNullOrWhiteSpace(options.Channel))
        {
            errors.Add("Staff:ConversationId 를 쓰려면 Staff:Channel (예: msteams)도 정해야 합니다.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
