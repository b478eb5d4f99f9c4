using System.IO.Compression;
using System.Reflection;
using System.Text;
using MeetingBot.Core;
using MeetingBot.Host.Api;

namespace MeetingBot.Host.Cli;

/// <summary>
/// <c>meetingbot teams-package --out FILE</c>: the Teams app package (manifest.json and the two icons of
/// <c>manifests/teams</c>) with the configured bot's ids put in, ready to upload in Teams or the Teams admin center.
/// </summary>
public static class TeamsPackageCommand
{
    public static readonly IReadOnlyList<string> Files = ["manifest.json", "color.png", "outline.png"];

    public static async Task<int> RunAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Positional.Count != 0)
        {
            throw new MeetingBotException("teams-package 는 위치 인자를 받지 않습니다. 예: meetingbot teams-package --out meetingbot-teams.zip");
        }

        var output = args.Required("out", "만들 zip 파일");
        // The staff settings give the bot's address, checked as the server checks them. Teams:AppPassword is not
        // needed for the package, which is often made before the secret reaches the server.
        await using var host = VerbHost.Open(args, typeof(StaffOptions));
        var configuration = host.Configuration;

        var appId = configuration["Teams:AppId"]?.Trim();
        if (!Guid.TryParse(appId, out _))
        {
            throw new MeetingBotException(string.IsNullOrEmpty(appId)
                ? "Teams:AppId 를 설정해 주세요(Azure 봇 등록의 Microsoft App ID, GUID 형식)."
                : $"Teams:AppId '{appId}'는 GUID 형식이 아닙니다(Azure 봇 등록의 Microsoft App ID).");
        }

        var baseUrlText = (args.Option("base-url") ?? configuration["Staff:PublicBaseUrl"])?.Trim().TrimEnd('/');
        if (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme != Uri.UriSchemeHttps)
        {
            throw new MeetingBotException(string.IsNullOrEmpty(baseUrlText)
                ? "봇의 공개 주소가 필요합니다: Staff:PublicBaseUrl 을 설정하거나 --base-url https://… 을 지정해 주세요."
                : $"봇의 공개 주소 '{baseUrlText}'는 https:// 로 시작하는 전체 주소여야 합니다(Staff:PublicBaseUrl 또는 --base-url).");
        }

        var manifest = ReadTemplate("manifest.json", Encoding.UTF8.GetString)
            .Replace("{{AppId}}", appId.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{{BaseUrl}}", baseUrlText, StringComparison.Ordinal)
            .Replace("{{Domain}}", baseUrl.Authority, StringComparison.Ordinal);

        var folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
        Directory.CreateDirectory(folder);
        var partial = Path.Combine(folder, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.partial");
        try
        {
            await using (var file = File.Create(partial))
            {
                using var zip = new ZipArchive(file, ZipArchiveMode.Create);
                await WriteEntryAsync(zip, "manifest.json", Encoding.UTF8.GetBytes(manifest), cancellationToken).ConfigureAwait(false);
                foreach (var icon in Files.Skip(1))
                {
                    await WriteEntryAsync(zip, icon, ReadTemplate(icon, bytes => bytes), cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(partial, output, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        await stdout.WriteLineAsync($"Teams 앱 패키지를 만들었습니다: {output} (앱 ID {appId}, 주소 {baseUrlText})").ConfigureAwait(false);
        return CommandLine.Ok;
    }

    private static T ReadTemplate<T>(string name, Func<byte[], T> read)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"teams-app/{name}")
            ?? throw new InvalidOperationException($"teams-app/{name} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return read(buffer.ToArray());
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, byte[] content, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
    }
}
