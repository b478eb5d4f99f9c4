using MeetingBot.Calendar.Files;
using MeetingBot.Core;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Services;

/// <summary>
/// Loads <c>Meetings:Folder</c> into the store at start. A broken file is logged with its file, line and field and
/// skipped; the other meetings still load, and what the store already holds is kept.
/// </summary>
public sealed partial class MeetingFolderLoader(IMeetingStore store, IOptions<MeetingsOptions> options, ILogger<MeetingFolderLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.Folder;
        if (!Directory.Exists(folder))
        {
            LogNoFolder(logger, Path.GetFullPath(folder));
            return;
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.meeting.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                var meeting = MeetingFileReader.Read(file);
                if (seen.TryGetValue(meeting.Id, out var other))
                {
                    LogDuplicate(logger, meeting.Id, file, other);
                    continue;
                }

                seen[meeting.Id] = file;
                await store.UpsertDefinitionAsync(meeting, cancellationToken).ConfigureAwait(false);
            }
            catch (MeetingBotException ex)
            {
                LogBadFile(logger, ex.Describe());
            }
        }

        LogLoaded(logger, seen.Count, Path.GetFullPath(folder));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "회의 파일 {Count}개를 {Folder}에서 불러왔습니다.")]
    private static partial void LogLoaded(ILogger logger, int count, string folder);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "회의 파일을 건너뜁니다: {Problem}")]
    private static partial void LogBadFile(ILogger logger, string problem);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "회의 ID '{Id}'가 {File}과(와) {Other}에 모두 있습니다. 뒤의 파일을 건너뜁니다.")]
    private static partial void LogDuplicate(ILogger logger, string id, string file, string other);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "회의 폴더 {Folder}가 없습니다. Meetings:Folder 설정을 확인해 주세요.")]
    private static partial void LogNoFolder(ILogger logger, string folder);
}
