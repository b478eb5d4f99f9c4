using Google.Apis.Auth.OAuth2;
using MeetingBot.Channels.GoogleChat;
using MeetingBot.Channels.Teams;
using MeetingBot.Core;
using MeetingBot.Core.Transcripts;
using MeetingBot.GoogleAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeetingBot.Channels.Transcripts;

/// <summary>
/// The importer for a meeting's chat platform: Microsoft Graph for a Teams chat (the bot app's own token, by client
/// credentials), the Meet REST API for a Google Chat space (the service account of <c>Transcripts:GoogleCredentialsFile</c>,
/// else <c>GoogleChat:CredentialsFile</c>, acting as <c>Transcripts:GoogleUser</c> when set). Made on first use.
/// </summary>
public sealed class TranscriptSources : IDisposable
{
    private readonly Lazy<GraphTranscriptSource> _graph;
    private readonly Lazy<MeetTranscriptSource> _meet;

    public TranscriptSources(IOptions<TranscriptsOptions> options, IOptions<TeamsOptions> teams, IOptions<GoogleChatOptions> chat, IHttpClientFactory httpClientFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(chat);
        var settings = options.Value;
        _graph = new(() =>
        {
            var token = new AppToken(teams.Value, GraphTranscriptSource.Scope, httpClientFactory);
            return new GraphTranscriptSource(new Uri(settings.GraphBaseUrl), token.GetTokenAsync, time, defaultOrganizer: settings.TeamsOrganizerId);
        });
        _meet = new(() =>
        {
            var file = settings.GoogleCredentialsFile.Length > 0 ? settings.GoogleCredentialsFile : chat.Value.CredentialsFile;
            var credential = LoadGoogle(file, settings.GoogleUser);
            return new MeetTranscriptSource(
                new Uri(settings.MeetBaseUrl),
                async ct => credential is null ? null : await credential.GetAccessTokenForRequestAsync(cancellationToken: ct).ConfigureAwait(false),
                time);
        });
    }

    /// <summary><c>graph</c> or <c>meet</c>: what the stored transcript names as its source.</summary>
    public static string? SourceName(string channel) => channel switch
    {
        ActivityMapper.Channel => "graph",
        GoogleChatMapper.Channel => "meet",
        _ => null,
    };

    /// <summary>The importer for a chat on <paramref name="channel"/>; null for a channel no platform records (a replay).</summary>
    public ITranscriptSource? For(string channel) => channel switch
    {
        ActivityMapper.Channel => _graph.Value,
        GoogleChatMapper.Channel => _meet.Value,
        _ => null,
    };

    public void Dispose()
    {
        if (_graph.IsValueCreated)
        {
            _graph.Value.Dispose();
        }

        if (_meet.IsValueCreated)
        {
            _meet.Value.Dispose();
        }
    }

    private static ITokenAccess? LoadGoogle(string? file, string user)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            return null;
        }

        var field = $"{TranscriptsOptions.SectionName}:GoogleCredentialsFile";
        try
        {
            var credential = GoogleServiceAccount.Load(file, MeetTranscriptSource.Scope);
            return string.IsNullOrWhiteSpace(user) ? credential : credential.CreateWithUser(user.Trim());
        }
        catch (Exception ex) when (GoogleServiceAccount.IsUnreadable(ex))
        {
            throw new MeetingBotException(GoogleChatStrings.CredentialsUnreadable(field, ex.Message), file, null, field);
        }
    }
}

public static class TranscriptsServiceCollectionExtensions
{
    /// <summary>The <c>Transcripts</c> section (validated at start) and the importers per chat platform.</summary>
    public static IServiceCollection AddTranscriptSources(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TranscriptsOptions>().BindConfiguration(TranscriptsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TranscriptsOptions>, TranscriptsOptionsValidator>());
        services.AddHttpClient(AppToken.HttpClientName);
        services.TryAddSingleton<TranscriptSources>();
        return services;
    }
}
