using System.ComponentModel.DataAnnotations;
using MeetingBot.Core;
using MeetingBot.Web;
using Microsoft.Extensions.Options;

namespace MeetingBot.Host.Api;

public sealed class StaffOptions : IValidatableObject
{
    /// <summary>The rules of <see cref="StaffOptionsValidator"/>, which the generated validator reports.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        StaffOptionsValidator.Problems(this).Select(p => new ValidationResult(p));

    public const string SectionName = "Staff";

    /// <summary>
    /// The staff key: a Bearer key for tools, typed once into the staff page's form. Empty: staff access is closed.
    /// Otherwise it must pass <see cref="StaffOptionsValidator.KeyProblem"/>.
    /// </summary>
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// Staff as people (SPEC §8): each with a name the report history prints and the SHA-256 (hex) of their key, so the
    /// settings never hold a key itself. <see cref="ApiKey"/> keeps working beside them as the unnamed <c>직원</c>.
    /// </summary>
    public IList<StaffUser> Users { get; } = [];

    /// <summary>
    /// How a person opens the staff page: <c>key</c> (default: the key typed into the page's form) or <c>entra</c> (the
    /// council's Microsoft 365 account, OpenID Connect with the <c>AzureAd</c> section; see <see cref="StaffSignIn"/>).
    /// Tools keep their Bearer keys either way.
    /// </summary>
    public string SignIn { get; set; } = StaffSignIn.Key;

    /// <summary>With <c>entra</c>: the app role (the token's <c>roles</c>) a person needs to use the staff page.</summary>
    public string RequiredRole { get; set; } = "MeetingBot.Staff";

    public bool UsesEntra => string.Equals(SignIn.Trim(), StaffSignIn.Entra, StringComparison.OrdinalIgnoreCase);

    /// <summary>Wrong keys one client may try within <see cref="LoginFailureWindow"/> before it gets 429.</summary>
    public int LoginFailureLimit { get; set; } = 5;

    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a staff page sign-in lasts; logging out or restarting the host ends it sooner.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Channel of the staff conversation that is told when a report draft is ready (<c>msteams</c>, <c>googlechat</c>).</summary>
    public string Channel { get; set; } = "msteams";

    /// <summary>The staff conversation. Empty: reports are written but nobody is told.</summary>
    public string ConversationId { get; set; } = "";

    /// <summary>Where the platform takes proactive messages for that conversation (Teams needs it).</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>This host as staff reach it (e.g. <c>https://meetingbot.example.go.kr</c>), for links in the notice.</summary>
    public string? PublicBaseUrl { get; set; }

    public ConversationAddress? Conversation => string.IsNullOrWhiteSpace(ConversationId)
        ? null
        : new ConversationAddress(Channel, ConversationId, string.IsNullOrWhiteSpace(ServiceUrl) ? null : ServiceUrl);
}

/// <summary>One staff member: <c>Staff:Users:N:Name</c> and <c>Staff:Users:N:KeySha256</c> (64 hex digits).</summary>
public sealed class StaffUser
{
    public string Name { get; set; } = "";
    public string KeySha256 { get; set; } = "";
}

/// <summary>Checks the staff settings at start, naming the setting that is wrong (and never echoing the key).</summary>
[OptionsValidator]
public sealed partial class StaffOptionsValidator : IValidateOptions<StaffOptions>
{
    /// <summary>32 characters of base64 (what <c>openssl rand -base64 24</c> prints) carry 192 bits; of hex, 128.</summary>
    public const int MinKeyLength = 32;

    /// <summary>
    /// A random key of 32 hex digits shows fewer than 8 different characters about once in 27 million draws; a word
    /// or pattern repeated to length shows fewer.
    /// </summary>
    public const int MinDistinctCharacters = 8;

    /// <summary>What is wrong in the section, one Korean line per problem naming the setting (the generated <c>Validate</c> reports them through <see cref="StaffOptions.Validate"/>).</summary>
    internal static List<string> Problems(StaffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (KeyProblem(options.ApiKey) is { } problem)
        {
            errors.Add(problem);
        }

        errors.AddRange(UserProblems(options.Users));
        if (!options.UsesEntra && !string.Equals(options.SignIn.Trim(), StaffSignIn.Key, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Staff:SignIn '{options.SignIn}' 은(는) {StaffSignIn.Key}(직원 키) 또는 {StaffSignIn.Entra}(Microsoft 365 조직 계정) 중 하나여야 합니다.");
        }

        if (options.UsesEntra && string.IsNullOrWhiteSpace(options.RequiredRole))
        {
            errors.Add("Staff:RequiredRole 이(가) 비어 있습니다. Staff:SignIn 이 entra 이면 직원 화면에 들어올 수 있는 앱 역할의 값(예: MeetingBot.Staff)을 쓰세요.");
        }

        if (options.LoginFailureLimit is < 1 or > 1000)
        {
            errors.Add("Staff:LoginFailureLimit 는 1 이상 1000 이하여야 합니다.");
        }

        if (options.LoginFailureWindow <= TimeSpan.Zero)
        {
            errors.Add("Staff:LoginFailureWindow 는 0초보다 커야 합니다. 예: 00:15:00");
        }

        if (options.SessionLifetime <= TimeSpan.Zero || options.SessionLifetime > TimeSpan.FromDays(7))
        {
            errors.Add("Staff:SessionLifetime 은 0초 초과 7일 이하여야 합니다. 예: 08:00:00");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl) && !SecureUrl.IsHttpsOrLoopback(options.PublicBaseUrl))
        {
            errors.Add($"Staff:PublicBaseUrl '{options.PublicBaseUrl}' 은(는) https:// 로 시작하는 절대 주소여야 합니다(http는 이 컴퓨터 주소에서만). 예: https://meetingbot.example.go.kr");
        }

        // The bot's token goes to this address with every notice.
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl) && !SecureUrl.IsHttpsOrLoopback(options.ServiceUrl))
        {
            errors.Add($"Staff:ServiceUrl '{options.ServiceUrl}' 은(는) https:// 로 시작하는 절대 주소여야 합니다(http는 이 컴퓨터 주소에서만). 예: https://smba.trafficmanager.net/kr/");
        }

        if (!string.IsNullOrWhiteSpace(options.ConversationId) && string.IsNullOrWhiteSpace(options.Channel))
        {
            errors.Add("Staff:ConversationId 를 쓰려면 Staff:Channel (예: msteams)도 정해야 합니다.");
        }

        return errors;
    }

    /// <summary>What is wrong in <c>Staff:Users</c>: a missing name, a hash that is not 64 hex digits, a name or key used twice.</summary>
    public static IEnumerable<string> UserProblems(IList<StaffUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                yield return $"Staff:Users:{i}:Name 이(가) 비어 있습니다. 보고서 이력에 찍힐 직원의 이름을 쓰세요.";
            }

            if (user.KeySha256.Length != 64 || !user.KeySha256.All(Uri.IsHexDigit))
            {
                yield return $"Staff:Users:{i}:KeySha256 은(는) 그 직원 키의 SHA-256 을 16진수 64자로 쓴 것이어야 합니다(지금 {user.KeySha256.Length}자). 예: printf '%s' \"$KEY\" | sha256sum";
            }
            else if (users.Take(i).Any(u => string.Equals(u.KeySha256, user.KeySha256, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"Staff:Users:{i}:KeySha256 이(가) 앞의 직원과 같습니다. 직원마다 다른 키를 쓰세요.";
            }

            if (!string.IsNullOrWhiteSpace(user.Name) && users.Take(i).Any(u => u.Name.Trim() == user.Name.Trim()))
            {
                yield return $"Staff:Users:{i}:Name '{user.Name.Trim()}' 이(가) 앞의 직원과 같습니다. 이력이 누구인지 가릴 수 있게 이름을 다르게 쓰세요.";
            }
        }
    }

    /// <summary>Why <paramref name="key"/> is too weak to guard the staff page, or null (an empty key closes staff access).</summary>
    public static string? KeyProblem(string? key)
    {
        const string Advice = "임의로 만든 키를 쓰세요. 예: openssl rand -base64 32 의 출력";
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        // The key travels in an Authorization header, which carries visible ASCII only.
        if (key.Any(c => c is < '!' or > '~'))
        {
            return $"Staff:ApiKey 에는 영문자·숫자·기호만 쓸 수 있습니다(공백, 제어 문자, 한글 불가). {Advice}";
        }

        if (key.Length < MinKeyLength)
        {
            return $"Staff:ApiKey 가 너무 짧습니다({key.Length}자). {MinKeyLength}자 이상이어야 합니다. {Advice}";
        }

        var distinct = key.Distinct().Count();
        return distinct < MinDistinctCharacters
            ? $"Staff:ApiKey 가 같은 문자를 되풀이합니다(서로 다른 문자 {distinct}개, {MinDistinctCharacters}개 이상 필요). {Advice}"
            : null;
    }
}
