namespace MeetingBot.Core.Engine;

/// <summary>When timebox warnings fire (SPEC §3): <see cref="WarnBefore"/> the end, at zero, then every <see cref="OverrunEvery"/>.</summary>
public sealed record TimeboxSettings
{
    public TimeSpan WarnBefore { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan OverrunEvery { get; init; } = TimeSpan.FromMinutes(5);
}
