using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.TestSupport;

namespace MeetingBot.Core.Tests.Transcripts;

public sealed class AttendanceSummaryTests
{
    private static readonly MeetingDefinition Meeting = TestMeetings.Strategy();

    [Fact]
    public void ParticipantsPresentTheMinimumTime_AreCounted_OthersAbsent_AndStrangersListed()
    {
        var records = new[]
        {
            new AttendanceRecord("조영윤 위원장", TimeSpan.FromMinutes(40)),
            new AttendanceRecord("박서연", TimeSpan.FromMinutes(3)),
            new AttendanceRecord("박서연(휴대전화)", TimeSpan.FromMinutes(4)),
            new AttendanceRecord("Lee Junho", TimeSpan.FromMinutes(30), "user-id-3"),
            new AttendanceRecord("최부장", TimeSpan.FromMinutes(2)),
            new AttendanceRecord("홍길동", TimeSpan.FromMinutes(35)),
            new AttendanceRecord("홍길동", TimeSpan.FromMinutes(1)),
        };

        var summary = AttendanceSummary.Of(Meeting, records, TimeSpan.FromMinutes(5));

        Assert.Equal(["조영윤", "박서연", "이준호"], summary.Present.Select(p => p.Name));
        Assert.Equal(["최부장", "협치조정관", "참관인"], summary.Absent.Select(p => p.Name));
        Assert.Equal(["홍길동"], summary.Unknown);
    }
}
