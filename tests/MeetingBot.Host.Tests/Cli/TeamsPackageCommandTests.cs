using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using MeetingBot.Host.Cli;

namespace MeetingBot.Host.Tests.Cli;

/// <summary><c>meetingbot teams-package</c>: the app zip with the configured ids, and the settings it refuses without.</summary>
public sealed class TeamsPackageCommandTests : IDisposable
{
    private const string AppId = "3B5E1F0A-7C2D-4E8F-9A1B-0C2D3E4F5A6B";
    private readonly string _work = Directory.CreateTempSubdirectory("meetingbot-teams-package-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Settings(string json)
    {
        var path = Path.Combine(_work, $"settings-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task ThePackage_HoldsTheManifestWithTheConfiguredIds_AndBothIcons()
    {
        var settings = Settings($$"""{ "Teams": { "AppId": "{{AppId}}" }, "Staff": { "PublicBaseUrl": "https://meetingbot.ydp.go.kr/" } }""");
        var zipPath = Path.Combine(_work, "out", "meetingbot-teams.zip");

        var (code, stdout, stderr) = await RunAsync("teams-package", "--out", zipPath, "--settings", settings);

        Assert.True(code == CommandLine.Ok, stderr);
        Assert.Contains(zipPath, stdout, StringComparison.Ordinal);
        await using var zip = await ZipFile.OpenReadAsync(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));

        string text;
        using (var reader = new StreamReader(await zip.GetEntry("manifest.json")!.OpenAsync()))
        {
            text = await reader.ReadToEndAsync();
        }

        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(text);
        var root = manifest.RootElement;
        var id = AppId.ToLowerInvariant();
        Assert.Equal(id, root.GetProperty("id").GetString());
        Assert.StartsWith("https://developer.microsoft.com/json-schemas/teams/v1.", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var bot = Assert.Single(root.GetProperty("bots").EnumerateArray());
        Assert.Equal(id, bot.GetProperty("botId").GetString());
        Assert.Equal(["groupChat", "team", "personal"], bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(id, root.GetProperty("webApplicationInfo").GetProperty("id").GetString());
        Assert.Equal(["meetingbot.ydp.go.kr"], root.GetProperty("validDomains").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("https://meetingbot.ydp.go.kr/privacy", root.GetProperty("developer").GetProperty("privacyUrl").GetString());
        Assert.Equal(
            ["ChatMessage.Read.Chat", "OnlineMeeting.ReadBasic.Chat", "OnlineMeetingParticipant.Read.Chat", "OnlineMeetingTranscript.Read.Chat"],
            root.GetProperty("authorization").GetProperty("permissions").GetProperty("resourceSpecific").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.All(bot.GetProperty("commandLists").EnumerateArray().SelectMany(l => l.GetProperty("commands").EnumerateArray()), c =>
        {
            Assert.InRange(c.GetProperty("title").GetString()!.Length, 1, 32);
            Assert.InRange(c.GetProperty("description").GetString()!.Length, 1, 128);
        });
        Assert.InRange(root.GetProperty("name").GetProperty("short").GetString()!.Length, 1, 30);
        Assert.InRange(root.GetProperty("description").GetProperty("short").GetString()!.Length, 1, 80);

        Assert.Equal((192, 192), PngSize(zip, root.GetProperty("icons").GetProperty("color").GetString()!));
        Assert.Equal((32, 32), PngSize(zip, root.GetProperty("icons").GetProperty("outline").GetString()!));
    }

    [Fact]
    public void TheOutlineIcon_IsWhiteOnTransparent_AsTeamsRequires()
    {
        var (width, height, rgba) = Png.DecodeRgba(File.ReadAllBytes(Path.Combine(MeetingBot.TestSupport.RepositoryFiles.Root, "manifests", "teams", "outline.png")));

        Assert.Equal((32, 32), (width, height));
        var pixels = rgba.Chunk(4).ToList();
        Assert.All(pixels, p => Assert.True(p[3] == 0 || (p[0] == 255 && p[1] == 255 && p[2] == 255), $"not white or transparent: {Convert.ToHexString(p)}"));
        Assert.InRange(pixels.Count(p => p[3] == 255), 100, 900);
    }

    [Theory]
    [InlineData("""{ "Staff": { "PublicBaseUrl": "https://meetingbot.ydp.go.kr" } }""", "Teams:AppId")]
    [InlineData("""{ "Teams": { "AppId": "meetingbot" }, "Staff": { "PublicBaseUrl": "https://meetingbot.ydp.go.kr" } }""", "GUID")]
    [InlineData("""{ "Teams": { "AppId": "3b5e1f0a-7c2d-4e8f-9a1b-0c2d3e4f5a6b" } }""", "Staff:PublicBaseUrl")]
    [InlineData("""{ "Teams": { "AppId": "3b5e1f0a-7c2d-4e8f-9a1b-0c2d3e4f5a6b" }, "Staff": { "PublicBaseUrl": "http://meetingbot.ydp.go.kr" } }""", "https://")]
    public async Task WithoutUsableSettings_ItRefusesWithTheSettingsName_AndWritesNothing(string json, string named)
    {
        var zipPath = Path.Combine(_work, "refused.zip");

        var (code, _, stderr) = await RunAsync("teams-package", "--out", zipPath, "--settings", Settings(json));

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(zipPath));
        Assert.Empty(Directory.GetFiles(_work, "*.partial"));
    }

    private static (int Width, int Height) PngSize(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        var header = new byte[24];
        stream.ReadExactly(header);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }

    /// <summary>Just enough PNG to read an 8-bit RGBA, non-interlaced image.</summary>
    private static class Png
    {
        public static (int Width, int Height, byte[] Rgba) DecodeRgba(byte[] png)
        {
            int width = 0, height = 0;
            using var idat = new MemoryStream();
            for (var at = 8; at < png.Length;)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
                var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
                var data = png.AsSpan(at + 8, length);
                if (type == "IHDR")
                {
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal([8, 6, 0, 0, 0], data[8..13].ToArray());
                }
                else if (type == "IDAT")
                {
                    idat.Write(data);
                }

                at += 12 + length;
            }

            idat.Position = 0;
            using var inflated = new MemoryStream();
            using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
            {
                zlib.CopyTo(inflated);
            }

            var raw = inflated.ToArray();
            var stride = width * 4;
            var image = new byte[height * stride];
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                for (var x = 0; x < stride; x++)
                {
                    int a = x >= 4 ? image[(y * stride) + x - 4] : 0;
                    int b = y > 0 ? image[((y - 1) * stride) + x] : 0;
                    int c = x >= 4 && y > 0 ? image[((y - 1) * stride) + x - 4] : 0;
                    var predicted = filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new InvalidDataException($"PNG filter {filter}"),
                    };
                    image[(y * stride) + x] = (byte)(raw[(y * (stride + 1)) + 1 + x] + predicted);
                }
            }

            return (width, height, image);
        }

        private static int Paeth(int a, int b, int c)
        {
            var p = a + b - c;
            var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
