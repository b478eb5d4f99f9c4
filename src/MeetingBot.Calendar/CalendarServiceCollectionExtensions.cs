using MeetingBot.Calendar;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class CalendarServiceCollectionExtensions
{
    /// <summary>
    /// The <c>Calendar</c> section (validated at start), the source factory, the title templates and a
    /// <see cref="CalendarCollector"/> over all configured sources. The host registers a <see cref="FilesCalendarSourceFactory"/> to enable <c>files</c>.
    /// </summary>
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CalendarOptions>, CalendarOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(CalendarSourceFactory.IcsHttpClientName).AddStandardResilienceHandler();
        services.TryAddSingleton<CalendarSourceFactory>();
        services.TryAddSingleton(sp => CalendarTemplates.Load(sp.GetRequiredService<IOptions<CalendarOptions>>().Value));
        services.TryAddSingleton(sp => new CalendarCollector(
            sp.GetRequiredService<CalendarSourceFactory>().CreateAll(),
            sp.GetService<ILogger<CalendarCollector>>()));
        return services;
    }
}
