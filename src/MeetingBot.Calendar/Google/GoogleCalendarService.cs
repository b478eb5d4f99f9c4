using Google.Apis.Auth.OAuth2;
using Google.Apis.Http;
using Google.Apis.Services;
using MeetingBot.GoogleAuth;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace MeetingBot.Calendar.Google;

/// <summary>
/// The Calendar v3 API over the Google.Apis core: the generated Google.Apis.Calendar.v3 package cannot be
/// restored here, and <c>events.list</c> is all the bot needs. The base URI is configurable so tests (and a
/// proxy, if an office needs one) can stand in for www.googleapis.com.
/// </summary>
public sealed class GoogleCalendarService : BaseClientService
{
    public const string DefaultBaseUri = "https://www.googleapis.com/calendar/v3/";
    public const string ReadonlyScope = "https://www.googleapis.com/auth/calendar.readonly";

    public GoogleCalendarService(Initializer initializer)
        : base(initializer)
    {
    }

    public override string Name => "calendar";

    public override string BaseUri => BaseUriOverride ?? DefaultBaseUri;

    public override string BasePath => "calendar/v3/";

    public override string BatchUri => new Uri(new Uri(BaseUri), "/batch/calendar/v3").ToString();

    public override string BatchPath => "batch/calendar/v3";

    public override IList<string> Features => [];

    /// <param name="credential">Null only against a test server: Google itself answers 401.</param>
    /// <param name="retry">The retry pipeline every request goes through (see <see cref="GoogleCalendarResilience"/>).</param>
    public static GoogleCalendarService Create(Uri baseUri, GoogleCredential? credential, ResiliencePipeline<HttpResponseMessage> retry)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(retry);
        var uri = baseUri.ToString();
        return new GoogleCalendarService(new Initializer
        {
            BaseUri = uri.EndsWith('/') ? uri : uri + "/",
            HttpClientInitializer = credential,
            HttpClientFactory = new ResilientHttpClientFactory(retry),

            // Polly does the retrying (Retry-After, 429, 5xx); the library's own back-off would retry on top of it.
            DefaultExponentialBackOffPolicy = ExponentialBackOffPolicy.None,
            ApplicationName = "MeetingBot",
        });
    }

    /// <summary>Reads a service-account JSON key (its <c>token_uri</c> included) and scopes it to read calendars.</summary>
    public static GoogleCredential LoadServiceAccount(string credentialsFile)
    {
        return GoogleServiceAccount.Load(credentialsFile, ReadonlyScope);
    }

    public EventsListRequest ListEvents(string calendarId) => new(this, calendarId);

    /// <summary>Puts the retry pipeline below Google's handler, so each retry carries the credential already applied.</summary>
    private sealed class ResilientHttpClientFactory(ResiliencePipeline<HttpResponseMessage> retry) : HttpClientFactory
    {
        protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) =>
            new ResilienceHandler(retry) { InnerHandler = base.CreateHandler(args) };
    }
}
