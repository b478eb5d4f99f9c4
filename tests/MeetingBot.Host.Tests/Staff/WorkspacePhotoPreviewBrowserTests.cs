using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// The photo preview in real headless Chromium: the workspace's own script (allowed by the page's policy, no inline
/// script) shows the chosen picture before it is uploaded; a file that is no picture shows none.
/// </summary>
public sealed class WorkspacePhotoPreviewBrowserTests : IDisposable
{
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task TheChosenPhotoIsPreviewedBeforeUpload_AndANonPictureIsNot()
    {
        await using var host = new StaffHost(_work, kestrel: true, settings: WorkspacePageTests.NamedStaff);
        await host.ReplaySampleAsync();
        var root = host.StartKestrel();
        await using var chromium = await StaffChromium.OpenAsync(root, 1360);
        var page = chromium.Page;
        await WorkspaceCandidatesBrowserTests.ReportOfTheSampleAsync(page);

        var preview = page.Locator("#photo-preview");
        Assert.True(await preview.IsHiddenAsync());
        await page.SetInputFilesAsync("#photo-file", Path.Combine(RepositoryFiles.Samples, "photos", "ydp-2020-09-strategy.png"));
        await preview.WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Visible });
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('photo-preview'); return i.complete && i.naturalWidth > 0; }");
        Assert.StartsWith("data:image/png;base64,", await preview.GetAttributeAsync("src"), StringComparison.Ordinal);

        var text = Path.Combine(_work.Meetings, "메모.txt");
        await File.WriteAllTextAsync(text, "사진이 아님");
        await page.SetInputFilesAsync("#photo-file", text);
        await preview.WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Hidden });
        Assert.Null(await preview.GetAttributeAsync("src"));
        Assert.Empty(chromium.Refused);
    }
}
