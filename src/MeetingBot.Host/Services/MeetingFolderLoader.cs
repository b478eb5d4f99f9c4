using MeetingBot.Calendar;
using MeetingBot.Calendar.Files;
using MeetingBot.Core;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Services;

/// <summary>
/// Loads <c>Meetings:Folder</c> into the store at start (template files of <c>Calendar:Templates</c> left out, as the
/// <c>files</c> source leaves them: a template is not a meeting). A broken file is logged with its file, line and field
/// and skipped; the other meetings still load, and what the store already holds is kept.
/// </summary>
public sealed partial class MeetingFolderLoader(IMeetingStore store, CalendarTemplates templates, IOptions<MeetingsOptions> options, ILogger<MeetingFolderLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.Folder;
        var scan = MeetingFileReader.ScanFolder(folder, templates.Files, cancellationToken);
        if (!scan.FolderExists)
        {
            LogNoFolder(logger, Path.GetFullPath(folder));
            return;
        }

        foreach (var problem in scan.Problems)
        {
            LogBadFile(logger, problem.Describe());
        }

        foreach (var file in scan.Files)
        {
            await store.UpsertDefinitionAsync(file.Meeting, cancellationToken).ConfigureAwait(false);
        }

        LogLoaded(logger, scan.Files.Count, Path.GetFullPath(folder));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "회의 파일 {Count}개를 {Folder}에서 불러왔습니다.")]
    private static partial void LogLoaded(ILogger logger, int count, string folder);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "회의 파일을 건너뜁니다: {Problem}")]
    private static partial void LogBadFile(ILogger logger, string problem);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "회의 폴더 {Folder}가 없습니다. Meetings:Folder 설정을 확인해 주세요.")]
    private static partial void LogNoFolder(ILogger logger, string folder);
}
