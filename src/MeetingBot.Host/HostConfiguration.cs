using System.ComponentModel.DataAnnotations;
using System.Net;
using MeetingBot.Core;
using MeetingBot.Core.Engine;
using Microsoft.AspNetCore.HttpOverrides;
using MeetingBot.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host;

public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (embedded default, one instance) or <c>postgres</c> (several instances on one database).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>SQLite: <c>Data Source=경로</c>; PostgreSQL: an Npgsql connection string (<c>Host=…;Database=…;Username=…</c>).</summary>
    public string ConnectionString { get; set; } = "Data Source=data/meetingbot.db";

    /// <summary>
    /// PostgreSQL only: how long an instance keeps the outbox messages it claimed (by the database's clock) before
    /// another instance may send them, i.e. how soon a dead instance's messages are taken over.
    /// </summary>
    public int LeaseSeconds { get; set; } = 10;

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Provider))
        {
            yield return new($"Storage:Provider 를 정해 주세요. 사용 가능: {Sqlite}, {Postgres}");
        }
        else if (!IsPostgres && !string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            yield return new($"Storage:Provider '{Provider}' 은(는) 지원하지 않습니다. 사용 가능: {Sqlite}, {Postgres}");
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new(IsPostgres
                ? $"Storage:ConnectionString 을 정해 주세요. 예: {PostgresMeetingStore.ExampleConnectionString}"
                : "Storage:ConnectionString 을 정해 주세요. 예: Data Source=data/meetingbot.db");
        }
        else if ((IsPostgres ? PostgresMeetingStore.ConnectionStringProblem(ConnectionString) : DataSourceProblem(ConnectionString)) is { } problem)
        {
            yield return new(problem);
        }

        if (LeaseSeconds is < 1 or > 3600)
        {
            yield return new($"Storage:LeaseSeconds 는 1~3600(초) 사이여야 합니다(지금 {LeaseSeconds}). 예: 10");
        }
    }

    private static string? DataSourceProblem(string connectionString)
    {
        try
        {
            return string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(connectionString).DataSource)
                ? "Storage:ConnectionString 에 저장소 파일(Data Source=경로)이 없습니다. 예: Data Source=data/meetingbot.db"
                : null;
        }
        catch (ArgumentException)
        {
            return $"Storage:ConnectionString '{connectionString}' 은(는) SQLite 연결 문자열이 아닙니다. 예: Data Source=data/meetingbot.db";
        }
    }
}

public sealed class MeetingsOptions : IValidatableObject
{
    public const string SectionName = "Meetings";

    /// <summary>Folder of <c>*.meeting.yaml</c> files loaded at start.</summary>
    public string Folder { get; set; } = "samples";

    /// <summary>IANA time zone for times shown when a meeting names none.</summary>
    public string TimeZone { get; set; } = "Asia/Seoul";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Folder))
        {
            yield return new("Meetings:Folder 를 정해 주세요. 예: samples");
        }

        if (string.IsNullOrWhiteSpace(TimeZone))
        {
            yield return new("Meetings:TimeZone 을 정해 주세요. 예: Asia/Seoul");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new($"Meetings:TimeZone '{TimeZone}' 은(는) 알 수 없는 시간대입니다. 예: Asia/Seoul");
        }
    }
}

public sealed class TimeboxOptions : IValidatableObject
{
    public const string SectionName = "Timebox";

    public TimeSpan WarnBefore { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan OverrunEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the clock asks the store what is due.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeboxSettings ToSettings() => new() { WarnBefore = WarnBefore, OverrunEvery = OverrunEvery };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WarnBefore < TimeSpan.Zero)
        {
            yield return new("Timebox:WarnBefore 는 0 이상이어야 합니다.");
        }

        if (OverrunEvery < TimeSpan.FromMinutes(1))
        {
            yield return new("Timebox:OverrunEvery 는 1분 이상이어야 합니다.");
        }

        if (TickInterval <= TimeSpan.Zero || TickInterval > TimeSpan.FromMinutes(1))
        {
            yield return new("Timebox:TickInterval 은 0초 초과 1분 이하여야 합니다.");
        }
    }
}

public sealed class DraftingOptions : IValidatableObject
{
    public const string SectionName = "Drafting";

    /// <summary><c>rules</c> (default) or <c>azure-openai</c>.</summary>
    public string Provider { get; set; } = "rules";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Provider))
        {
            yield return new("Drafting:Provider 를 정해 주세요. 사용 가능: rules, azure-openai");
        }
    }
}

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed: behind a TLS proxy they
/// tell the client's address (what wrong staff keys are counted by) and that it came over HTTPS (so cookies are
/// <c>Secure</c>). A proxy on this machine (loopback) is always trusted; headers from any other sender are ignored.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public void ApplyTo(ForwardedHeadersOptions forwarded)
    {
        ArgumentNullException.ThrowIfNull(forwarded);
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

        // Every hop is checked against the trusted list, so a chain of trusted proxies needs no fixed count; the first
        // untrusted address from the right is the client, whatever it wrote further left.
        forwarded.ForwardLimit = null;
        foreach (var proxy in KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _))
            {
                yield return new($"{SectionName}:KnownProxies:{i} '{KnownProxies[i]}' 은(는) IP 주소가 아닙니다. 예: 10.0.0.5");
            }
        }

        for (var i = 0; i < KnownNetworks.Length; i++)
        {
            if (!System.Net.IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                yield return new($"{SectionName}:KnownNetworks:{i} '{KnownNetworks[i]}' 은(는) CIDR 형식의 네트워크가 아닙니다. 예: 10.0.0.0/24");
            }
        }
    }
}

/// <summary>
/// The host's own settings, checked by source-generated validators (<c>[OptionsValidator]</c>) that call each options
/// class's <see cref="IValidatableObject.Validate"/>: one Korean line per problem, naming the setting.
/// </summary>
[OptionsValidator]
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;

[OptionsValidator]
public sealed partial class MeetingsOptionsValidator : IValidateOptions<MeetingsOptions>;

[OptionsValidator]
public sealed partial class TimeboxOptionsValidator : IValidateOptions<TimeboxOptions>;

[OptionsValidator]
public sealed partial class DraftingOptionsValidator : IValidateOptions<DraftingOptions>;

[OptionsValidator]
public sealed partial class ProxyOptionsValidator : IValidateOptions<ProxyOptions>;

/// <summary>Settings for the command-line verbs: the same appsettings.json and environment variables as the server.</summary>
public sealed record HostConfiguration(IConfiguration Configuration, TimeboxSettings Timebox, DraftingOptions Drafting)
{
    /// <param name="settingsFile">A further JSON settings file (<c>--settings</c>), read last so it wins.</param>
    /// <param name="sections">
    /// The options the verb reads, checked with the server's own validators; every problem is reported at once, one line
    /// each. Timebox settings are always among them.
    /// </param>
    public static HostConfiguration Load(string? settingsFile = null, params Type[] sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        if (settingsFile is not null && !File.Exists(settingsFile))
        {
            throw new MeetingBotException($"설정 파일을 찾을 수 없습니다: {settingsFile}");
        }

        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables();
        if (settingsFile is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(settingsFile), optional: false);
        }

        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (InvalidDataException ex)
        {
            throw new MeetingBotException(SettingsText.UnreadableFile(ex), ex);
        }

        var services = new ServiceCollection().AddSingleton(configuration).AddLogging().AddMeetingBot(configuration);
        using (var provider = services.BuildServiceProvider())
        {
            var problems = SettingsCheck.Problems(provider, configuration, sections.Prepend(typeof(TimeboxOptions)).Distinct());
            if (problems.Count > 0)
            {
                throw new MeetingBotException(string.Join("\n", problems));
            }

            return new HostConfiguration(
                configuration,
                provider.GetRequiredService<IOptions<TimeboxOptions>>().Value.ToSettings(),
                // Unvalidated: --drafting may choose another drafter, and Drafters.Create checks the one chosen.
                configuration.GetSection(DraftingOptions.SectionName).Get<DraftingOptions>() ?? new DraftingOptions());
        }
    }
}
