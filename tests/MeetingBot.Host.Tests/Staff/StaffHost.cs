using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using MeetingBot.Calendar.Files;
using MeetingBot.Channels.Replay;
using MeetingBot.Core;
using MeetingBot.Host.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// The real host on a <see cref="HostWork"/>, with a <see cref="FakeTimeProvider"/>, recording gateways for the meeting
/// chat and the staff conversation, and captured logs. With <c>kestrel: true</c> it listens on a real port (for the browser).
/// </summary>
public sealed class StaffHost : TestHost
{
    /// <summary>A key of the strength <c>Staff:ApiKey</c> must have (32+ characters, many different ones).</summary>
    public const string ApiKey = "stf-7Qm2-Zr8w-Lk1p-Xv4n-Hb3t-Jd9s";

    /// <summary>Test-only request header: the address the request seems to come from (default 127.0.0.1, as a local proxy).</summary>
    public const string RemoteAddressHeader = "Test-Remote-Address";
    public const string StaffChannel = "staff-test";
    public const string StaffConversation = "staff-room";
    public const string PublicBaseUrl = "https://meetingbot.test";
    public const string MeetingId = "ydp-2020-09-strategy";

    public static readonly DateTimeOffset SampleDay = new(2020, 9, 15, 13, 50, 0, TimeSpan.FromHours(9));

    private readonly HostWork _work;

    public StaffHost(HostWork work, RecordingChatGateway? staff = null, bool kestrel = false, IDictionary<string, string?>? settings = null, DateTimeOffset? now = null)
        : this(work, staff, kestrel, settings, new FakeTimeProvider(now ?? SampleDay))
    {
    }

    private StaffHost(HostWork work, RecordingChatGateway? staff, bool kestrel, IDictionary<string, string?>? settings, FakeTimeProvider clock)
        : base(Defaults(work), settings, clock, kestrel)
    {
        _work = work;
        Clock = clock;
        StaffGateway = staff ?? new RecordingChatGateway(StaffChannel);
    }

    private static Dictionary<string, string?> Defaults(HostWork work) => new()
    {
        ["Storage:ConnectionString"] = $"Data Source={work.Database}",
        ["Meetings:Folder"] = work.Meetings,
        ["Reports:Folder"] = work.Reports,
        ["Reports:RetryDelay"] = "00:01:00",
        ["Reports:MaxAttempts"] = "3",
        ["Staff:ApiKey"] = ApiKey,
        ["Staff:Channel"] = StaffChannel,
        ["Staff:ConversationId"] = StaffConversation,
        ["Staff:PublicBaseUrl"] = PublicBaseUrl,
    };

    public FakeTimeProvider Clock { get; }
    public RecordingChatGateway StaffGateway { get; }
    public RecordingChatGateway ChatGateway { get; } = new(ReplayRunner.Channel);
    public string Reports => _work.Reports;

    /// <summary>The sample's chat, as the replay binds it (the conversation id is the chat file's path).</summary>
    public ConversationAddress SampleChat => ChatOf("strategy.chat.yaml");

    public ConversationAddress ChatOf(string chatFile) => new(ReplayRunner.Channel, Path.Combine(_work.Meetings, chatFile));

    /// <summary>
    /// A message in a meeting's chat (the sample's by default), from a participant named as in the meeting file beside
    /// the chat file, sent as the replay sends it.
    /// </summary>
    public ChatInput Say(string text, string messageId, string from = "조영윤", string chatFile = "strategy.chat.yaml")
    {
        var meeting = MeetingFileReader.Read(Path.Combine(_work.Meetings, chatFile.Replace(".chat.yaml", ".meeting.yaml", StringComparison.Ordinal)));
        return new()
        {
            Conversation = ChatOf(chatFile),
            MessageId = messageId,
            From = ReplayRunner.Sender(meeting.Participants.Single(p => p.Name == from)),
            Text = text,
        };
    }

    public HttpClient StaffClient(string? key = ApiKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>A client that behaves as a browser on the staff page: cookies, the page's form tokens, its Origin.</summary>
    public StaffBrowser Browser(string? remoteAddress = null) => new(this, remoteAddress);

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<IChatGateway>(StaffGateway);
        services.AddSingleton<IChatGateway>(ChatGateway);
        services.AddSingleton<IStartupFilter, RemoteAddressFilter>();
    }

    /// <summary>The in-memory test server has no socket, so the peer address comes from <see cref="RemoteAddressHeader"/>, before any other middleware.</summary>
    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                var given = context.Request.Headers[RemoteAddressHeader].ToString();
                context.Connection.RemoteIpAddress = IPAddress.Parse(given.Length > 0 ? given : "127.0.0.1");
                return then(context);
            });
            next(app);
        };
    }

    /// <summary>The shared sample's chat, message by message on the fake clock, through the one processor every door uses.</summary>
    public Task ReplaySampleAsync(Func<ScriptMessage, bool>? until = null) => ReplayAsync("strategy.chat.yaml", until);

    /// <summary>A chat of the meetings folder, replayed up to (not including) the first message <paramref name="until"/> accepts.</summary>
    public async Task ReplayAsync(string chatFile, Func<ScriptMessage, bool>? until = null)
    {
        var meetings = MeetingFileReader.ReadFolder(_work.Meetings).ToDictionary(m => m.Id, StringComparer.Ordinal);
        var script = ChatScriptReader.Read(ChatOf(chatFile).ConversationId, id => meetings.GetValueOrDefault(id));
        await Services.GetRequiredService<IMeetingStore>().CommitAsync(new StoreChange { Binding = new ConversationBinding(ChatOf(chatFile), script.MeetingId, Clock.GetUtcNow()) });
        var processor = Services.GetRequiredService<ChatInputProcessor>();
        foreach (var message in script.Messages)
        {
            if (until?.Invoke(message) == true)
            {
                return;
            }

            if (message.At > Clock.GetUtcNow())
            {
                Clock.SetUtcNow(message.At);
            }

            await processor.ProcessAsync(ReplayRunner.ToInput(script, message), CancellationToken.None);
        }
    }

    /// <summary>Waits until the meeting's delivery record satisfies <paramref name="done"/>; moves the fake clock on while waiting so retries come due.</summary>
    public async Task<DeliveryRecord> WaitForDeliveryAsync(Func<DeliveryRecord, bool> done, string meetingId = MeetingId, TimeSpan? advance = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var record = await Services.GetRequiredService<IMeetingStore>().GetDeliveryAsync(meetingId);
            if (record is not null && done(record))
            {
                return record;
            }

            if (waited.Elapsed > Eventually.Timeout)
            {
                throw new TimeoutException($"delivery of {meetingId} did not reach the expected state; last: {record?.Status} after {record?.Attempts} attempts ({record?.LastError})");
            }

            if (advance is { } by)
            {
                Clock.Advance(by);
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A file where the meeting's report folder should be: writing its report fails until the file is removed.</summary>
    public static string BlockReportFolder(HostWork work, string meetingId = MeetingId)
    {
        ArgumentNullException.ThrowIfNull(work);
        Directory.CreateDirectory(work.Reports);
        var blocker = Path.Combine(work.Reports, meetingId);
        File.WriteAllText(blocker, "폴더 자리를 막는 파일");
        return blocker;
    }

    /// <summary>
    /// Waits until what the store has taken is on disk (a record read back may still be in the open batch) and the outbox
    /// drain has then sent every durable message (the staff notice among them).
    /// </summary>
    public async Task OutboxIdleAsync()
    {
        // An empty commit returns once everything staged before it is durable.
        await Services.GetRequiredService<IMeetingStore>().CommitAsync(new StoreChange());
        await Services.GetRequiredService<OutboxDrain>().IdleAsync();
    }

    public Task WaitForLogAsync(int eventId) =>
        Eventually.ThatAsync(() => Task.FromResult(Logs.GetSnapshot().Any(r => r.Id.Id == eventId)), $"log event {eventId}");
}

/// <summary>Waiting for background work (report delivery) to show its result, within a generous bound.</summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task ThatAsync(Func<Task<bool>> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > Timeout)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }
}
