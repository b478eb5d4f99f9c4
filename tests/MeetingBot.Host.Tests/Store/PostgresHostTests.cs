using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Host.Tests.Teams;
using MeetingBot.Storage;
using MeetingBot.Storage.Postgres;
using MeetingBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBot.Host.Tests.Store;

/// <summary>The real host on <c>Storage:Provider=postgres</c> and a real PostgreSQL server: wired, ready, and not ready when the database is gone.</summary>
public sealed class PostgresHostTests : IAsyncLifetime, IDisposable
{
    private readonly HostWork _work = HostWork.WithSharedSample();
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public void Dispose() => _work.Dispose();

    private TeamsHost Host() => new(_work, new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "postgres",
        ["Storage:ConnectionString"] = _database.ConnectionString,
    });

    [Fact]
    public async Task OnPostgres_TheHostLoadsTheMeetingsIntoTheDatabase_AndIsReady()
    {
        await using var host = Host();
        using var client = host.CreateClient();

        using var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var store = host.Services.GetRequiredService<IMeetingStore>();
        Assert.IsType<PostgresMeetingStore>(store);
        Assert.Same(store, host.Services.GetRequiredService<ITurnStore>());
        await using var direct = await PostgresMeetingStore.OpenAsync(_database.ConnectionString);
        Assert.NotNull(await direct.GetDefinitionAsync("ydp-2020-09-strategy"));
    }

    [Fact]
    public async Task WhenTheDatabaseIsGone_ReadyAnswers503NamingIt_WhileAliveStaysOk()
    {
        await using var host = Host();
        using var client = host.CreateClient();
        using (var before = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await _database.DisposeAsync();

        using var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        using var alive = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unavailable", body.GetProperty("status").GetString());
        Assert.Contains($"PostgreSQL 저장소 '127.0.0.1:", body.GetProperty("problem").GetString());
        Assert.Contains(_database.Name, body.GetProperty("problem").GetString());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Theory]
    [InlineData("postgres", "Data Source=data/meetingbot.db", "PostgreSQL 연결 문자열이 아닙니다")]
    [InlineData("postgres", "Database=meetingbot;Username=bot", "PostgreSQL 서버(Host=…)가 없습니다")]
    [InlineData("mysql", "Data Source=data/meetingbot.db", "사용 가능: sqlite, postgres")]
    [InlineData("sqlite", "Host=db;Database=meetingbot", "SQLite 연결 문자열이 아닙니다")]
    public void AConnectionStringThatDoesNotFitTheProvider_IsNamedInKorean(string provider, string connectionString, string expected)
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = provider, ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Storage:", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ALeaseOfNoTime_IsNamedInKorean()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = "postgres", ConnectionString = _database.ConnectionString, LeaseSeconds = 0 });

        Assert.True(result.Failed);
        Assert.Contains("Storage:LeaseSeconds 는 1~3600(초)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void APostgresConnectionString_IsAccepted()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = "postgres", ConnectionString = _database.ConnectionString });

        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
