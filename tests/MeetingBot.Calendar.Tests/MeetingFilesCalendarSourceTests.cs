using MeetingBot.Calendar.Files;
using MeetingBot.TestSupport;

namespace MeetingBot.Calendar.Tests;

/// <summary>The meeting-file folder seen as a calendar: the embedded default source.</summary>
public sealed class MeetingFilesCalendarSourceTests : IDisposable
{
    private static readonly DateTimeOffset From = new(2020, 9, 1, 0, 0, 0, TimeSpan.FromHours(9));
    private static readonly DateTimeOffset To = new(2020, 10, 1, 0, 0, 0, TimeSpan.FromHours(9));

    private readonly string _folder = Directory.CreateTempSubdirectory("meetingbot-files-source-").FullName;

    public MeetingFilesCalendarSourceTests()
    {
        foreach (var name in new[] { "strategy.meeting.yaml", "foundation.meeting.yaml", "capacity.meeting.yaml" })
        {
            File.Copy(RepositoryFiles.PathOf("samples", "2020-09", name), Path.Combine(_folder, name));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Each_meeting_file_is_one_event_at_its_start_naming_its_meeting()
    {
        var fetch = await new MeetingFilesCalendarSource("회의 파일", _folder).FetchAsync(From, To);

        Assert.Empty(fetch.Errors);
        Assert.Equal(["ydp-2020-09-foundation", "ydp-2020-09-capacity", "ydp-2020-09-strategy"], fetch.Events.OrderBy(e => e.Start).Select(e => e.MeetingIdHint));
        var strategy = fetch.Events.Single(e => e.MeetingIdHint == "ydp-2020-09-strategy");
        Assert.Equal("회의 파일", strategy.SourceName);
        Assert.Equal("file:ydp-2020-09-strategy", strategy.EventId);
        Assert.True(MeetingFilesCalendarSource.IsMeetingFileEvent(strategy));
        Assert.Equal("[전략사업] 영등포구협치회의 분과회의(9월)", strategy.Title);
        Assert.Equal(new DateTimeOffset(2020, 9, 15, 14, 0, 0, TimeSpan.FromHours(9)), strategy.Start);
        Assert.Equal(TimeSpan.FromHours(9), strategy.Start.Offset);
        Assert.Equal(TimeSpan.FromMinutes(50), strategy.End - strategy.Start);
        Assert.Equal("Asia/Seoul", strategy.TimeZoneId);
        Assert.Equal("https://meet.google.com/ydp-strt-915", strategy.JoinUrl);
        Assert.False(strategy.Cancelled);
    }

    [Fact]
    public async Task Only_meetings_in_the_window_are_given()
    {
        var fetch = await new MeetingFilesCalendarSource("회의 파일", _folder)
            .FetchAsync(new DateTimeOffset(2020, 9, 15, 0, 0, 0, TimeSpan.FromHours(9)), new DateTimeOffset(2020, 9, 15, 12, 0, 0, TimeSpan.FromHours(9)));

        Assert.Equal("ydp-2020-09-capacity", Assert.Single(fetch.Events).MeetingIdHint);
    }

    [Fact]
    public async Task Template_files_are_left_out()
    {
        var template = Path.Combine(_folder, "strategy.meeting.yaml");

        var fetch = await new MeetingFilesCalendarSource("회의 파일", _folder, new HashSet<string> { Path.GetFullPath(template) }).FetchAsync(From, To);

        Assert.DoesNotContain(fetch.Events, e => e.MeetingIdHint == "ydp-2020-09-strategy");
        Assert.Equal(2, fetch.Events.Count);
    }

    [Fact]
    public async Task A_broken_file_is_skipped_with_a_message_naming_it_and_the_line_while_the_others_count()
    {
        var broken = Path.Combine(_folder, "broken.meeting.yaml");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(Path.Combine(_folder, "capacity.meeting.yaml")))
            .Replace("id: ydp-2020-09-capacity", "id: ydp-2020-09-broken", StringComparison.Ordinal)
            .Replace("minutes: 5", "minutes: 다섯", StringComparison.Ordinal));
        var twin = Path.Combine(_folder, "zz-twin.meeting.yaml");
        File.Copy(Path.Combine(_folder, "strategy.meeting.yaml"), twin);

        var fetch = await new MeetingFilesCalendarSource("회의 파일", _folder).FetchAsync(From, To);

        Assert.Equal(3, fetch.Events.Count);
        var bad = fetch.Errors.Single(e => e.EventRef == broken);
        Assert.Equal("회의 파일", bad.SourceName);
        Assert.Contains("minutes", bad.Message);
        Assert.Contains(broken + ":", bad.Message);
        var duplicate = fetch.Errors.Single(e => e.EventRef == twin);
        Assert.Contains("ydp-2020-09-strategy", duplicate.Message);
    }

    [Fact]
    public async Task A_missing_folder_is_an_error_of_the_source()
    {
        var fetch = await new MeetingFilesCalendarSource("회의 파일", Path.Combine(_folder, "없는 폴더")).FetchAsync(From, To);

        Assert.Empty(fetch.Events);
        var error = Assert.Single(fetch.Errors);
        Assert.Null(error.EventRef);
        Assert.Contains("없는 폴더", error.Message);
    }

    [Fact]
    public void TheFolderScan_KeepsTheFirstOfTwoFilesWithOneId_AndNamesTheOtherWithItsIdLine()
    {
        var twin = Path.Combine(_folder, "zz-twin.meeting.yaml");
        File.Copy(Path.Combine(_folder, "strategy.meeting.yaml"), twin);
        var template = Path.GetFullPath(Path.Combine(_folder, "capacity.meeting.yaml"));

        var scan = MeetingFileReader.ScanFolder(_folder, new HashSet<string> { template });

        Assert.True(scan.FolderExists);
        Assert.Equal(["foundation.meeting.yaml", "strategy.meeting.yaml"], scan.Files.Select(f => Path.GetFileName(f.Path)));
        var problem = Assert.Single(scan.Problems);
        Assert.Equal(twin, problem.Path);
        Assert.StartsWith($"{twin}:4: 'id' ", problem.Describe(), StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder, "strategy.meeting.yaml"), problem.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadingTheFolderWhole_ThrowsItsFirstProblem()
    {
        File.Copy(Path.Combine(_folder, "strategy.meeting.yaml"), Path.Combine(_folder, "zz-twin.meeting.yaml"));

        var error = Assert.Throws<MeetingBot.Core.MeetingBotException>(() => MeetingFileReader.ReadFolder(_folder));

        Assert.Equal("id", error.Field);
        Assert.Contains("ydp-2020-09-strategy", error.Message, StringComparison.Ordinal);
    }
}
