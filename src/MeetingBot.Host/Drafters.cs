using MeetingBot.Core;
using MeetingBot.Reports.Drafting;

namespace MeetingBot.Host;

/// <summary>Chooses the drafter named by <c>Drafting:Provider</c> (or <c>--drafting</c>).</summary>
public static class Drafters
{
    public static IOpinionDrafter Create(HostConfiguration settings, string? overrideProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var provider = overrideProvider ?? settings.Drafting.Provider;
        return provider switch
        {
            "rules" => new RuleDrafter(),
            _ => throw new MeetingBotException($"Drafting:Provider '{provider}' 은(는) 지원하지 않습니다. 사용 가능: rules"),
        };
    }
}
