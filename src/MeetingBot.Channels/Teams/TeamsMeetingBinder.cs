using System.Collections.Concurrent;
using MeetingBot.Core;
using Microsoft.Extensions.Logging;

namespace MeetingBot.Channels.Teams;

/// <summary>
/// Finds the meeting definition a Teams meeting chat belongs to: the meeting's join URL (from a meeting event, or
/// <c>GET {serviceUrl}/v1/meetings/{channelData.meeting.id}</c>) against the definitions' <c>joinUrl</c>. Asked only
/// while the chat is unbound; answers are cached so a chat that never matches costs one lookup a minute, not one a message.
/// </summary>
public sealed partial class TeamsMeetingBinder(IMeetingStore store, ConnectorClient connector, TimeProvider time, ILogger<TeamsMeetingBinder> logger)
{
    /// <summary>The lookup runs inside the request, which Teams abandons after about 15 s.</summary>
    public static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan JoinUrlKept = TimeSpan.FromHours(12);
    private static readonly TimeSpan FailureKept = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan IndexKept = TimeSpan.FromSeconds(30);

    // Bindings are never removed (a /연결 moves one), so a chat once seen bound stays bound.
    private readonly ConcurrentDictionary<(string Channel, string Conversation), bool> _bound = new();
    private readonly ConcurrentDictionary<string, (string? JoinUrl, DateTimeOffset Until)> _joinUrls = new(StringComparer.Ordinal);
    private Index? _index;

    /// <summary>The id of the meeting the chat should be bound to, or null (already bound, no meeting, no match).</summary>
    public async Task<string?> FindMeetingAsync(Activity activity, ConversationAddress conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(conversation);
        var meetingId = ActivityMapper.MeetingId(activity);
        var eventUrl = ActivityMapper.MeetingJoinUrl(activity);
        if (meetingId is null && eventUrl is null)
        {
            return null;
        }

        if (await IsBoundAsync(conversation, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var joinUrl = eventUrl ?? await JoinUrlOfAsync(conversation.ServiceUrl, meetingId!, cancellationToken).ConfigureAwait(false);
        if (JoinUrls.Normalize(joinUrl) is not { } key)
        {
            return null;
        }

        var index = await IndexAsync(cancellationToken).ConfigureAwait(false);
        if (!index.ByJoinUrl.TryGetValue(key, out var candidates))
        {
            LogNoMatch(logger, conversation.ConversationId, joinUrl!);
            return null;
        }

        var chosen = Choose(candidates, time.GetUtcNow());
        if (chosen is null)
        {
            LogAmbiguous(logger, conversation.ConversationId, string.Join(", ", candidates.Select(c => c.Id)));
            return null;
        }

        LogMatched(logger, conversation.ConversationId, chosen);
        return chosen;
    }

    private async Task<bool> IsBoundAsync(ConversationAddress conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var key = (conversation.Channel, conversation.ConversationId);
        if (_bound.ContainsKey(key))
        {
            return true;
        }

        if (await store.FindBindingAsync(conversation.Channel, conversation.ConversationId, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        _bound[key] = true;
        return true;
    }

    /// <summary>One meeting per join URL; a link reused by a recurring meeting picks the definition of today's date.</summary>
    private static string? Choose(IReadOnlyList<Candidate> candidates, DateTimeOffset now)
    {
        if (candidates.Count == 1)
        {
            return candidates[0].Id;
        }

        var today = candidates.Where(c => c.Local(now).Date == c.Local(c.Start).Date).ToList();
        return today.Count == 1 ? today[0].Id : null;
    }

    private async Task<string?> JoinUrlOfAsync(string? serviceUrl, string meetingId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_joinUrls.TryGetValue(meetingId, out var cached) && cached.Until > now)
        {
            return cached.JoinUrl;
        }

        if (string.IsNullOrEmpty(serviceUrl))
        {
            return null;
        }

        string? joinUrl = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(LookupTimeout);
            joinUrl = (await connector.GetMeetingDetailsAsync(serviceUrl, meetingId, timeout.Token).ConfigureAwait(false))?.JoinUrl;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or MeetingBotException or System.Text.Json.JsonException
                                   && !cancellationToken.IsCancellationRequested)
        {
            LogLookupFailed(logger, ex, meetingId);
        }

        _joinUrls[meetingId] = (joinUrl, now + (joinUrl is null ? FailureKept : JoinUrlKept));
        return joinUrl;
    }

    private async Task<Index> IndexAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_index is { } index && index.Until > now)
        {
            return index;
        }

        var byJoinUrl = new Dictionary<string, List<Candidate>>(StringComparer.Ordinal);
        foreach (var summary in await store.ListMeetingsAsync(cancellationToken).ConfigureAwait(false))
        {
            var definition = await store.GetDefinitionAsync(summary.Id, cancellationToken).ConfigureAwait(false);
            if (JoinUrls.Normalize(definition?.JoinUrl) is { } key)
            {
                if (!byJoinUrl.TryGetValue(key, out var list))
                {
                    byJoinUrl[key] = list = [];
                }

                list.Add(new Candidate(definition!.Id, definition.Start, definition.TimeZone));
            }
        }

        index = new Index(byJoinUrl.ToDictionary(p => p.Key, p => (IReadOnlyList<Candidate>)p.Value, StringComparer.Ordinal), now + IndexKept);
        _index = index;
        return index;
    }

    private sealed record Candidate(string Id, DateTimeOffset Start, TimeZoneInfo TimeZone)
    {
        public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);
    }

    private sealed record Index(IReadOnlyDictionary<string, IReadOnlyList<Candidate>> ByJoinUrl, DateTimeOffset Until);

    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Teams 대화 {Conversation}을(를) 참가 링크로 회의 {MeetingId}에 연결합니다.")]
    private static partial void LogMatched(ILogger logger, string conversation, string meetingId);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Teams 대화 {Conversation}의 참가 링크 {JoinUrl}과(와) 같은 회의 파일이 없습니다. 직원이 /연결 로 연결할 수 있습니다.")]
    private static partial void LogNoMatch(ILogger logger, string conversation, string joinUrl);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Teams 대화 {Conversation}의 참가 링크가 여러 회의({MeetingIds})와 같아 자동으로 연결하지 않습니다.")]
    private static partial void LogAmbiguous(ILogger logger, string conversation, string meetingIds);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Teams 회의 {MeetingId}의 정보를 가져오지 못했습니다. 1분 뒤에 다시 묻습니다.")]
    private static partial void LogLookupFailed(ILogger logger, Exception ex, string meetingId);
}
