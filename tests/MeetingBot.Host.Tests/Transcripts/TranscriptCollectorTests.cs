using MeetingBot.Core.Transcripts;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Transcripts;

/// <summary>
/// The collector through the real host against a local Microsoft Graph (SPEC §9): first try after the delay, back-off
/// while the transcript is not ready, Retry-After honoured, a refusal naming the permission, giving up, every attempt
/// recorded, and a restart that resumes instead of starting over or fetching twice.
/// </summary>
public sealed class TranscriptCollectorTests
{
    private static readonly Reply NotReady = new(404, """{"error":{"code":"NotFound"}}""");

    [Fact]
    public async Task First_attempt_waits_the_delay_then_backs_off_while_not_ready_and_collects_once()
    {
        await using var world = await TranscriptWorld.StartAsync();
        world.Special = r => r.Path == TranscriptWorld.MeetingPath + "/transcripts" ? NotReady : null;

        Assert.Equal(0, await world.PassAtAsync(world.EndedAt.AddMinutes(4)));
        Assert.Equal(0, world.TranscriptListings);

        Assert.Equal(1, await world.PassAtAsync(world.EndedAt.AddMinutes(5)));
        var first = await world.StoredAsync();
        Assert.Equal((TranscriptStatus.Pending, world.EndedAt.AddMinutes(10)), (first.Status, first.NextAttemptAt));
        Assert.Equal(TranscriptAttemptOutcome.NotReady, Assert.Single(first.Attempts).Outcome);
        Assert.Contains("준비되지 않았습니다", first.Attempts[0].Reason, StringComparison.Ordinal);

        Assert.Equal(0, await world.PassAtAsync(world.EndedAt.AddMinutes(9)));
        Assert.Equal(1, await world.PassAtAsync(world.EndedAt.AddMinutes(10)));
        Assert.Equal(world.EndedAt.AddMinutes(20), (await world.StoredAsync()).NextAttemptAt);

        world.Special = _ => null;
        Assert.Equal(1, await world.PassAtAsync(world.EndedAt.AddMinutes(20)));
        var collected = await world.StoredAsync();
        Assert.Equal((TranscriptStatus.Collected, null, "graph"), (collected.Status, collected.NextAttemptAt, collected.Source));
        Assert.Equal(["c1", "c2"], collected.Cues.Select(c => c.Id));
        Assert.Equal(3, collected.Attendance.Count);
        Assert.Equal([TranscriptAttemptOutcome.NotReady, TranscriptAttemptOutcome.NotReady, TranscriptAttemptOutcome.Collected], collected.Attempts.Select(a => a.Outcome));
        Assert.Equal([world.EndedAt.AddMinutes(5), world.EndedAt.AddMinutes(10), world.EndedAt.AddMinutes(20)], collected.Attempts.Select(a => a.At));

        Assert.Equal(0, await world.PassAtAsync(world.EndedAt.AddHours(1)));
        Assert.Equal(3, world.TranscriptListings);
    }

    [Fact]
    public async Task Throttling_waits_at_least_what_retry_after_asked()
    {
        await using var world = await TranscriptWorld.StartAsync();
        world.Special = r => r.Path == TranscriptWorld.MeetingPath + "/transcripts"
            ? new Reply(429, "{}", Headers: new Dictionary<string, string> { ["Retry-After"] = "2400" })
            : null;

        // A wait that long is not sat out inside the pass: the attempt is recorded at once and the next one scheduled.
        Assert.Equal(1, await world.PassAtAsync(world.EndedAt.AddMinutes(5)));
        Assert.Equal(0, await world.PassAtAsync(world.EndedAt.AddMinutes(44)));
        var stored = await world.StoredAsync();
        var attempt = Assert.Single(stored.Attempts);
        Assert.Equal(TranscriptAttemptOutcome.Throttled, attempt.Outcome);
        Assert.Contains("429", attempt.Reason, StringComparison.Ordinal);
        Assert.Equal(world.EndedAt.AddMinutes(45), stored.NextAttemptAt);
        Assert.Equal(1, world.TranscriptListings);
    }

    [Fact]
    public async Task Refusal_names_the_permission_and_tells_staff_once()
    {
        await using var world = await TranscriptWorld.StartAsync();
        world.Special = r => r.Path == TranscriptWorld.MeetingPath + "/transcripts"
            ? new Reply(403, """{"error":{"code":"Forbidden","message":"Application is not allowed to perform operations on the user"}}""")
            : null;

        await world.PassAtAsync(world.EndedAt.AddMinutes(5));
        await world.PassAtAsync(world.EndedAt.AddMinutes(10));
        await world.Host.OutboxIdleAsync();

        var stored = await world.StoredAsync();
        Assert.Equal([TranscriptAttemptOutcome.Refused, TranscriptAttemptOutcome.Refused], stored.Attempts.Select(a => a.Outcome));
        Assert.All(stored.Attempts, a =>
        {
            Assert.Contains("OnlineMeetingTranscript.Read.All", a.Reason, StringComparison.Ordinal);
            Assert.Contains("OnlineMeetingTranscript.Read.Chat", a.Reason, StringComparison.Ordinal);
            Assert.Contains("New-CsApplicationAccessPolicy", a.Reason, StringComparison.Ordinal);
        });
        var notice = Assert.Single(world.StaffNotices("발언 기록을 가져오지 못했습니다"));
        Assert.Contains("OnlineMeetingTranscript.Read.All", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_give_up_time_the_last_attempt_is_recorded_and_nothing_more_is_asked()
    {
        await using var world = await TranscriptWorld.StartAsync();
        world.Special = r => r.Path == TranscriptWorld.MeetingPath + "/transcripts" ? NotReady : null;

        for (var at = world.EndedAt.AddMinutes(5); at <= world.EndedAt.AddHours(3); at = at.AddMinutes(5))
        {
            await world.PassAtAsync(at);
        }

        await world.Host.OutboxIdleAsync();
        var stored = await world.StoredAsync();
        Assert.Equal(TranscriptStatus.GaveUp, stored.Status);
        Assert.Equal(world.EndedAt.AddHours(2), stored.Attempts[^2].At);
        Assert.Equal(TranscriptAttemptOutcome.GaveUp, stored.Attempts[^1].Outcome);
        Assert.Contains("2시간", stored.Attempts[^1].Reason, StringComparison.Ordinal);
        Assert.Equal(
            [5, 10, 20, 40, 70, 100, 120],
            stored.Attempts.SkipLast(1).Select(a => (int)(a.At - world.EndedAt).TotalMinutes));
        Assert.Single(world.StaffNotices("끝내 가져오지 못했습니다"));
        Assert.Equal(7, world.TranscriptListings);
    }

    [Fact]
    public async Task A_restarted_host_resumes_the_attempts_and_never_fetches_a_collected_transcript_again()
    {
        await using var world = await TranscriptWorld.StartAsync();
        world.Special = r => r.Path == TranscriptWorld.MeetingPath + "/transcripts" ? NotReady : null;
        await world.PassAtAsync(world.EndedAt.AddMinutes(5));

        await world.RestartAsync();
        Assert.Equal(0, await world.PassAtAsync(world.EndedAt.AddMinutes(7)));
        world.Special = _ => null;
        Assert.Equal(1, await world.PassAtAsync(world.EndedAt.AddMinutes(10)));

        await world.RestartAsync();
        Assert.Equal(0, await world.PassAtAsync(world.EndedAt.AddMinutes(30)));
        var stored = await world.StoredAsync();
        Assert.Equal([TranscriptAttemptOutcome.NotReady, TranscriptAttemptOutcome.Collected], stored.Attempts.Select(a => a.Outcome));
        Assert.Equal(2, world.TranscriptListings);
    }

    [Fact]
    public async Task Attendance_below_the_quorum_warns_the_staff_chat_naming_the_absent()
    {
        await using var world = await TranscriptWorld.StartAsync(quorum: 3);

        await world.PassAtAsync(world.EndedAt.AddMinutes(5));
        await world.Host.OutboxIdleAsync();

        var warning = Assert.Single(world.StaffNotices("정족수 미달"));
        Assert.Contains("참석 1명 / 정족수 3명", warning.Text, StringComparison.Ordinal);
        Assert.Contains("박서연", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_held_in_a_google_chat_space_is_collected_from_meet_every_page_read()
    {
        await using var world = await TranscriptWorld.StartAsync(meet: true);
        world.Special = r => r.Path == "/v2/conferenceRecords" && world.Graph.Requests.Count(q => q.Path == r.Path) == 1
            ? new Reply(200, """{"conferenceRecords":[]}""")
            : null;

        await world.PassAtAsync(world.EndedAt.AddMinutes(5));
        Assert.Equal(TranscriptAttemptOutcome.NotReady, (await world.StoredAsync()).Attempts.Single().Outcome);
        await world.PassAtAsync(world.EndedAt.AddMinutes(10));

        var stored = await world.StoredAsync();
        Assert.Equal((TranscriptStatus.Collected, "meet"), (stored.Status, stored.Source));
        Assert.Equal(["e1", "e2"], stored.Cues.Select(c => c.Id));
        Assert.Equal(["최민정", "전화 참석자"], stored.Attendance.Select(a => a.Name));
        Assert.DoesNotContain(world.Graph.Requests, r => r.Path.StartsWith("/v1.0/", StringComparison.Ordinal));
    }
}
