using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.TestSupport;

namespace MeetingBot.Storage.Tests;

/// <summary>The rows the store tests write: an opinion entry, a failed report delivery, a transcript still pending.</summary>
internal static class StoreSamples
{
    public const string MeetingId = "ydp-2020-09-strategy";

    public static Entry Entry(int number, string source, string text = "의견", string meetingId = MeetingId) => new()
    {
        MeetingId = meetingId,
        Number = number,
        Kind = EntryKind.Opinion,
        ItemIndex = 2,
        Text = text,
        AuthorName = "박서연",
        AuthorId = "user-id-2",
        SourceId = source,
        CapturedAt = TestMeetings.Start,
    };

    /// <summary>A delivery that failed twice, the first attempt at <paramref name="at"/>.</summary>
    public static DeliveryRecord FailedDelivery(string meetingId, DateTimeOffset at) => new()
    {
        MeetingId = meetingId,
        Status = DeliveryStatus.Failed,
        Folder = "/srv/reports/" + meetingId,
        ReplacedCharacters = 2,
        CreatedAt = at,
        WrittenAt = at.AddSeconds(1),
        History =
        [
            new DeliveryAttempt(1, at, "HttpRequestException: 503 Service Unavailable"),
            new DeliveryAttempt(2, at.AddSeconds(30), "연결 거부"),
        ],
    };

    /// <summary>Meeting m1's transcript from source graph, asked for again 30 minutes after <paramref name="at"/>.</summary>
    public static StoredTranscript PendingTranscript(DateTimeOffset at, params TranscriptAttempt[] attempts) => new()
    {
        MeetingId = "m1",
        Source = "graph",
        NextAttemptAt = at.AddMinutes(30),
        Attempts = attempts,
        UpdatedAt = at.AddMinutes(20),
    };
}
