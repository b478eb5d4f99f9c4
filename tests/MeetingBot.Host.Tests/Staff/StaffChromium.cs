using Microsoft.Playwright;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// Debian's headless Chromium (driven by Playwright, never its own browser download) with one Korean page on the host's
/// real port; every Content-Security-Policy refusal the page logs (an inline style, a script) is kept in <see cref="Refused"/>.
/// </summary>
public sealed class StaffChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";
    public const string InstallHint = "apt-get update && apt-get install -y --no-install-recommends chromium fonts-nanum";

    private static readonly string[] Args =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;

    private StaffChromium(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        (_playwright, _browser, _context, Page) = (playwright, browser, context, page);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                Refused.Add(message.Text);
            }
        };
    }

    public IPage Page { get; }

    public List<string> Refused { get; } = [];

    public static async Task<StaffChromium> OpenAsync(Uri root, int width)
    {
        ArgumentNullException.ThrowIfNull(root);
        Assert.True(File.Exists(Executable), $"{Executable} is missing. Install with: {InstallHint}");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Executable, Headless = true, Args = Args });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = root.ToString(),
            Locale = "ko-KR",
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            AcceptDownloads = true,
        });
        return new StaffChromium(playwright, browser, context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
