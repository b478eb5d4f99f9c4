using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host;

/// <summary>
/// Checks settings with the validators the composition registers and reports every problem at once, each as one
/// Korean line naming the setting. The server runs it before it serves and each verb on the sections it reads, so
/// both say the same thing. A value the binder cannot convert, and a list item the binder silently drops over one,
/// are problems too.
/// </summary>
public static partial class SettingsCheck
{
    private static readonly MethodInfo CreateMethod = typeof(SettingsCheck).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Every options type that has a validator registered in <paramref name="services"/>.</summary>
    public static IReadOnlyList<Type> ValidatedTypes(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return [.. services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()];
    }

    /// <summary>The problems of <paramref name="optionTypes"/> as the validators in <paramref name="services"/> see them; empty when all is well.</summary>
    public static IReadOnlyList<string> Problems(IServiceProvider services, IConfiguration configuration, IEnumerable<Type> optionTypes)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(optionTypes);
        var problems = new List<string>();
        foreach (var type in optionTypes)
        {
            try
            {
                CreateMethod.MakeGenericMethod(type).Invoke(null, [services]);
                problems.AddRange(DroppedItems(configuration, type));
            }
            catch (TargetInvocationException ex) when (ex.InnerException is OptionsValidationException invalid)
            {
                problems.AddRange(invalid.Failures);
                problems.AddRange(DroppedItems(configuration, type));
            }
            catch (TargetInvocationException ex) when (SettingsText.UnreadableValue(ex.InnerException) is { } unreadable)
            {
                problems.Add(unreadable);
            }
        }

        return [.. problems.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A fresh instance, bound and validated, so a binding error is met here rather than cached.</summary>
    private static TOptions Create<TOptions>(IServiceProvider services)
        where TOptions : class =>
        services.GetRequiredService<IOptionsFactory<TOptions>>().Create(Options.DefaultName);

    /// <summary>
    /// The binder skips, without a word, a list item it cannot convert (a source whose <c>Type</c> is misspelt simply
    /// vanishes): bind each item of a list that came out short on its own, to name the value that is wrong.
    /// </summary>
    private static IEnumerable<string> DroppedItems(IConfiguration configuration, Type type)
    {
        if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is not string section
            || configuration.GetSection(section).Get(type) is not { } options)
        {
            yield break;
        }

        foreach (var property in type.GetProperties())
        {
            if (property.GetValue(options) is not IList list || !property.PropertyType.IsGenericType)
            {
                continue;
            }

            var items = configuration.GetSection($"{section}:{property.Name}").GetChildren().ToList();
            if (items.Count == list.Count)
            {
                continue;
            }

            var itemType = property.PropertyType.GetGenericArguments()[0];
            foreach (var item in items)
            {
                string? problem = null;
                try
                {
                    item.Get(itemType);
                }
                catch (InvalidOperationException ex)
                {
                    problem = SettingsText.UnreadableValue(ex);
                }

                if (problem is not null)
                {
                    yield return problem;
                }
            }
        }
    }
}

/// <summary>What the settings check and the server's start say, in one place.</summary>
public static partial class SettingsText
{
    public const string NotStarted = "서버를 시작하지 않았습니다. appsettings.json 또는 환경 변수(구역__이름, 예: Teams__AppPassword)를 고친 뒤 다시 시작하십시오.";

    public static string Problem(string line) => $"설정 오류: {line}";

    /// <summary>
    /// The binder's "Failed to convert configuration value 'x' at 'A:B' to type 'T'", said in Korean with what the
    /// value should look like; null for any other error, which is no settings problem to report.
    /// </summary>
    public static string? UnreadableValue(Exception? ex)
    {
        if (ex is not InvalidOperationException || BinderFailure().Match(ex.Message) is not { Success: true } match)
        {
            return null;
        }

        var typeName = match.Groups["type"].Value;
        var type = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t => t is not null);
        var expected = type switch
        {
            _ when type == typeof(TimeSpan) => "시간 간격(시:분:초, 예: 00:05:00)",
            _ when type == typeof(int) || type == typeof(long) => "정수",
            _ when type == typeof(double) => "숫자(예: 0.5)",
            _ when type == typeof(bool) => "true 또는 false",
            { IsEnum: true } => $"{string.Join(", ", Enum.GetNames(type))} 중 하나",
            _ => typeName,
        };
        return $"{match.Groups["path"].Value} 값 '{match.Groups["value"].Value}'을(를) 읽을 수 없습니다. 쓸 수 있는 값: {expected}";
    }

    public static string UnreadableFile(InvalidDataException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var file = SettingsFile().Match(ex.Message) is { Success: true } m ? m.Groups["file"].Value : "";
        return $"설정 파일 '{file}'을(를) 읽을 수 없습니다(JSON 문법 오류): {ex.InnerException?.Message ?? ex.Message}";
    }

    public static string NoSettingsFile(string path) => $"설정 파일을 찾을 수 없습니다: {path}";

    public static string StartFailed(string detail) => $"서버를 시작하지 못했습니다(Urls 설정의 주소를 이미 다른 프로그램이 쓰고 있거나 열 권한이 없음): {detail}";

    public static string StoppedByFailure(string service, string detail) => $"서버가 오류로 멈췄습니다({service}): {detail}";

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<path>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();

    [GeneratedRegex(@"from file '(?<file>[^']+)'")]
    private static partial Regex SettingsFile();
}
