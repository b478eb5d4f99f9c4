using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetingBot.Storage.Tests;

/// <summary><c>AddMeetingBotStorage</c> as the host calls it: the <c>Storage</c> section bound, checked, and the store behind every port.</summary>
public sealed class StorageCompositionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddMeetingBotStorage().BuildServiceProvider();
    }

    [Fact]
    public async Task TheConfiguredFile_IsOpenedOnce_BehindEveryStoragePort()
    {
        var file = Path.Combine(_folder.Path, "sub", "bot.db");
        await using var provider = Build(new() { ["Storage:ConnectionString"] = $"Data Source={file}" });

        var store = provider.GetRequiredService<IMeetingStore>();

        Assert.IsType<SqliteMeetingStore>(store);
        Assert.Same(store, provider.GetRequiredService<ITurnStore>());
        Assert.Same(store, provider.GetRequiredService<IReportRecordStore>());
        Assert.Same(store, provider.GetRequiredService<ITranscriptStore>());
        Assert.True(File.Exists(file));
    }

    [Theory]
    [InlineData("Storage:Provider", "mysql", "Storage:Provider 'mysql' 은(는) 지원하지 않습니다. 사용 가능: sqlite")]
    [InlineData("Storage:Provider", "", "Storage:Provider 를 정해 주세요")]
    [InlineData("Storage:ConnectionString", "Mode=Memory", "Storage:ConnectionString 에 저장소 파일(Data Source=경로)이 없습니다")]
    [InlineData("Storage:ConnectionString", "no equals sign", "Storage:ConnectionString 'no equals sign' 은(는) SQLite 연결 문자열이 아닙니다")]
    public async Task ABadSetting_IsRefusedBeforeTheFileIsTouched_InKorean_NamingIt(string key, string value, string expected)
    {
        var file = Path.Combine(_folder.Path, "bot.db");
        await using var provider = Build(new() { ["Storage:ConnectionString"] = $"Data Source={file}", [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
        Assert.False(File.Exists(file));
    }
}
