using MeetingBot.Core;
using MeetingBot.Core.Engine;
using MeetingBot.Storage;
using Microsoft.Extensions.Time.Testing;

namespace MeetingBot.TestSupport;

/// <summary>
/// The engine on a real SQLite file in a temporary folder, driven by a <see cref="FakeTimeProvider"/>.
/// <see cref="RestartAsync"/> drops the engine and store and opens the same file again.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly string _folder;
    private readonly List<OutboundMessage> _cardUpdates = [];
    private int _messageCounter;

    private EngineHarness(string folder, FakeTimeProvider clock, SqliteMeetingStore store, TimeboxSettings settings)
    {
        _folder = folder;
        Clock = clock;
        Store = store;
        Settings = settings;
        Engine = new MeetingEngine(store, clock, settings);
    }

    public FakeTimeProvider Clock { get; }
    public SqliteMeetingStore Store { get; private set; }
    public MeetingEngine Engine { get; private set; }
    public TimeboxSettings Settings { get; }
    public string DatabasePath => Path.Combine(_folder, "meetingbot.db");
    public ConversationAddress Chat { get; } = new("test", "chat-1");

    public static async Task<EngineHarness> CreateAsync(MeetingDefinition? meeting = null, bool bind = true, TimeboxSettings? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "meetingbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var clock = new FakeTimeProvider(TestMeetings.Start.AddMinutes(-5));
        var store = await SqliteMeetingStore.OpenAsync($"Data Source={Path.Combine(folder, "meetingbot.db")}");
        var harness = new EngineHarness(folder, clock, store, settings ?? new TimeboxSettings());
        meeting ??= TestMeetings.Strategy();
        await store.UpsertDefinitionAsync(meeting);
        if (bind)
        {
            await harness.Engine.BindAsync(harness.Chat, meeting.Id);
        }

        return harness;
    }

    /// <summary>Sends a chat message as the participant with chat id <paramref name="userId"/>; returns the bot's replies.</summary>
    public Task<EngineResult> SayAsync(string userId, string text, string? messageId = null, ConversationAddress? chat = null) =>
        SayAsync(new ChatUser(userId, userId), text, messageId, chat);

    /// <summary>Sends a chat message from <paramref name="from"/>, id and display name as a platform gives them.</summary>
    public Task<EngineResult> SayAsync(ChatUser from, string text, string? messageId = null, ConversationAddress? chat = null) =>
        Engine.HandleAsync(new ChatInput
        {
            Conversation = chat ?? Chat,
            MessageId = messageId ?? $"m{Interlocked.Increment(ref _messageCounter)}",
            From = from,
            Text = text,
        });

    public Task<EngineResult> SendAsync(ChatInput input) => Engine.HandleAsync(input);

    /// <summary>Says each message as <paramref name="userId"/> with the fake clock set to its instant, in order.</summary>
    public async Task PlayAsync(string userId, IEnumerable<(DateTimeOffset At, string Text)> script)
    {
        foreach (var (at, text) in script)
        {
            Clock.SetUtcNow(at);
            await SayAsync(userId, text);
        }
    }

    /// <summary>Advances the clock and ticks; returns the warnings (text), the card updates beside them in <see cref="CardUpdates"/>.</summary>
    public async Task<IReadOnlyList<OutboundMessage>> AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        var messages = await Engine.TickAsync();
        _cardUpdates.AddRange(messages.Where(m => m.Card is not null));
        return [.. messages.Where(m => m.Card is null)];
    }

    /// <summary>Every agenda card update the clock produced so far, in order.</summary>
    public IReadOnlyList<OutboundMessage> CardUpdates => _cardUpdates;

    /// <summary>Advances in small steps, ticking at each, and returns every message the clock produced.</summary>
    public async Task<IReadOnlyList<OutboundMessage>> RunClockAsync(TimeSpan total, TimeSpan? step = null)
    {
        var messages = new List<OutboundMessage>();
        var s = step ?? TimeSpan.FromSeconds(10);
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += s)
        {
            messages.AddRange(await AdvanceAsync(s));
        }

        return messages;
    }

    public async Task RestartAsync()
    {
        Engine.Dispose();
        await Store.DisposeAsync();
        Store = await SqliteMeetingStore.OpenAsync($"Data Source={DatabasePath}");
        Engine = new MeetingEngine(Store, Clock, Settings);
    }

    public async ValueTask DisposeAsync()
    {
        Engine.Dispose();
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it would not be.
        }
    }
}
