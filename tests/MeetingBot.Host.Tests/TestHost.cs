using System.Net;
using MeetingBot.Core;
using MeetingBot.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace MeetingBot.Host.Tests;

/// <summary>
/// The real host (<see cref="WebApplicationFactory{TEntryPoint}"/> of <c>Program</c>) on a test's own settings, with
/// captured logs and, when given, a fake clock. Settings go in as host settings, so the composition sees them when it
/// decides what runs; later keys override earlier ones. With <c>kestrel: true</c> it listens on a real port of 127.0.0.1.
/// </summary>
public abstract class TestHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = [];
    private readonly TimeProvider? _clock;

    protected TestHost(IEnumerable<KeyValuePair<string, string?>> settings, IEnumerable<KeyValuePair<string, string?>>? overrides, TimeProvider? clock, bool kestrel)
    {
        foreach (var (key, value) in settings.Concat(overrides ?? []))
        {
            _settings[key] = value;
        }

        _clock = clock;
        if (kestrel)
        {
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
    }

    /// <summary>The host's store: the SQLite file, with the reads tests check (e.g. whether a message was recorded).</summary>
    public SqliteMeetingStore Store => (SqliteMeetingStore)Services.GetRequiredService<IMeetingStore>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>Starts the real server and returns its address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri StartKestrel()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address);
    }

    /// <summary>The test's own services, registered after the host's (so they replace single registrations).</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (_clock is not null)
            {
                services.AddSingleton(_clock);
            }

            services.AddFakeLogging();
            ConfigureTestServices(services);
        });
    }
}
