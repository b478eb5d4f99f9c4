using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using MeetingBot.Core;
using MeetingBot.TestSupport;
using Microsoft.Playwright;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// A staff member finishes September's report in real headless Chromium (Playwright, Debian's browser) against the
/// host on a real port: picks the three ended 분과 meetings, edits a bullet by keyboard, moves one, adds a spoken remark
/// for a member, uploads a photo, approves, and downloads version 1 as DOCX. Screenshots go to <c>docs/images/</c>.
/// </summary>
public sealed class WorkspaceBrowserTests : IDisposable
{
    private const string Edited = "협치지원관 인건비는 구비로 안정적으로 편성할 필요";
    private const string Spoken = "주민 설명회를 분과별로 한 번 더 여는 방안을 검토할 필요";
    private readonly HostWork _work = HostWork.WithSharedSample();

    public WorkspaceBrowserTests() => _work.AddRepositoryMeetings();

    public void Dispose() => _work.Dispose();

    private static string Image(string name) => Path.Combine(Directory.CreateDirectory(RepositoryFiles.PathOf("docs", "images")).FullName, name);

    [Fact]
    public async Task AStaffMemberBuildsSeptembersCombinedReport_EditsMovesAddsARemarkAndAPhoto_Approves_AndDownloadsV1Docx()
    {
        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        await using var host = await WorkspacePageTests.SeptemberAsync(_work, kestrel: true);
        var root = host.StartKestrel();

        await using var chromium = await StaffChromium.OpenAsync(root, 1360);
        {
            var (page, refused) = (chromium.Page, chromium.Refused);
            await page.GotoAsync("/staff");
            await page.FillAsync("#key", WorkspacePageTests.StaffKey);
            await page.ClickAsync("form.login button");
            await page.WaitForURLAsync("**/staff");

            // The list: tick the month's three ended meetings and name the report.
            var boxes = page.Locator("table.meetings input[type=checkbox][name=meetingIds]");
            Assert.Equal(3, await boxes.CountAsync());
            for (var i = 0; i < 3; i++)
            {
                await boxes.Nth(i).CheckAsync();
            }

            await page.GetByLabel("보고서 제목").FillAsync("영등포구협치회의 분과회의(9월) 개최 결과 보고");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Image("workspace-meetings.png"), FullPage = true });
            await page.ClickAsync("button:text-is('고른 회의로 보고서 만들기')");
            await page.WaitForURLAsync("**/staff/reports/r*?done=create");
            var rid = new Uri(page.Url).Segments[^1];
            Assert.Contains("보고서를 만들었습니다", await page.Locator("p.done").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(["Ⅰ 개최 개요", "Ⅱ 주요 회의내용", "Ⅲ 회의 사진", "붙임 시간 운영 결과"], await page.Locator("article.report h2.report-heading").AllInnerTextsAsync());

            // Ⅰ has one column per 분과; Ⅱ prints the shared 주요내용 once.
            Assert.Equal(["협치기반조성", "역량강화", "전략사업"], (await page.Locator("article.report table.report-table").First.Locator("tr").First.Locator("th").AllInnerTextsAsync()).Skip(1));
            var report = await WorkspacePageTests.StoredAsync(host, rid);
            var strategy = report.Bullets.Where(b => b.Item.MeetingId == StaffHost.MeetingId && b.Kind != EntryKind.Decision).ToList();

            // Edit one bullet with the keyboard alone: its summary, Enter, the text, Tab to the button, Enter.
            var first = page.Locator($"#bullet-{strategy[0].Id}");
            await first.Locator("summary").FocusAsync();
            var ring = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
            Assert.NotEqual("none", ring);
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal($"text-{strategy[0].Id}", await page.EvaluateAsync<string>("() => document.activeElement.id"));
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync(Edited);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync($"**/staff/reports/{rid}?done=edit#bullet-{strategy[0].Id}");
            Assert.Equal(Edited, await page.Locator($"#bullet-{strategy[0].Id} .bullet-text .text").InnerTextAsync());
            Assert.Contains(strategy[0].Text, await page.Locator($"#bullet-{strategy[0].Id} .bullet-side").InnerTextAsync(), StringComparison.Ordinal);

            // Move another to a different item of its meeting.
            var second = page.Locator($"#bullet-{strategy[1].Id}");
            await second.Locator("summary").ClickAsync();
            var target = (await second.Locator("select[name=item] option").First.GetAttributeAsync("value"))!;
            await second.GetByLabel("다른 안건으로 옮기기").SelectOptionAsync(target);
            await second.Locator("button:text-is('옮기기')").ClickAsync();
            await page.WaitForURLAsync($"**/staff/reports/{rid}?done=move#bullet-{strategy[1].Id}");
            Assert.Equal(1, await page.Locator($"#item-{target.Replace(':', '-')} #bullet-{strategy[1].Id}").CountAsync());

            // A remark made aloud, entered for 조영윤 under the first bullet's item.
            var part = page.Locator($"#item-{strategy[0].Item.MeetingId}-{strategy[0].Item.Index}");
            await part.Locator("details.remark summary").ClickAsync();
            await part.GetByLabel("발언한 위원").SelectOptionAsync("조영윤");
            await part.GetByLabel("종류").SelectOptionAsync("proposal");
            await part.GetByLabel("발언 내용").FillAsync(Spoken);
            await part.GetByLabel("사유").FillAsync("회의 중 구두 발언, 채팅 미입력");
            await part.Locator("button:text-is('구두 발언 추가')").ClickAsync();
            await page.WaitForURLAsync($"**/staff/reports/{rid}?done=remark#bullet-*");
            var remark = page.Locator("li.bullet", new() { HasText = Spoken });
            Assert.Contains("구두 발언 · 조영윤 위원 · 입력: 김하늘", await remark.Locator("p.tag.remark").InnerTextAsync(), StringComparison.Ordinal);

            // A photo for 전략사업, shown in Ⅲ as it will print.
            await page.SetInputFilesAsync("#photo-file", Path.Combine(RepositoryFiles.Samples, "photos", "ydp-2020-09-strategy.png"));
            await page.GetByLabel("어느 분과의 사진인가요").SelectOptionAsync(StaffHost.MeetingId);
            await page.ClickAsync("button:text-is('사진 올리기')");
            await page.WaitForURLAsync($"**/staff/reports/{rid}?done=photo-add#photos");
            var photo = page.Locator("figure.photo img");
            Assert.True(await photo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the uploaded photo does not show");
            Assert.Equal("전략사업분과회의", await page.Locator("figure.photo figcaption").InnerTextAsync());

            await page.Locator("#doc").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(artifacts, "workspace-document.png") });
            await page.Locator($"#bullet-{strategy[0].Id}").Locator("summary").ClickAsync();
            await page.Locator($"#item-{strategy[0].Item.MeetingId}-{strategy[0].Item.Index}").ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Image("workspace-draft.png") });

            // What changed since the draft, and who did it, in words.
            var changes = await page.Locator("#changes").InnerTextAsync();
            Assert.Contains($"{strategy[0].Text} → {Edited}", changes, StringComparison.Ordinal);
            Assert.Contains($"옮김 ({strategy[1].Id})", changes, StringComparison.Ordinal);
            Assert.Contains("구두 발언 추가", changes, StringComparison.Ordinal);
            var rows = page.Locator("#history tbody tr");
            Assert.Equal(4, await rows.CountAsync());
            Assert.All(await page.Locator("#history tbody tr td:nth-child(2)").AllInnerTextsAsync(), who => Assert.Equal(WorkspacePageTests.StaffName, who));
            Assert.DoesNotContain("{\"", await page.ContentAsync(), StringComparison.Ordinal);

            // Approve: version 1 is frozen and offered in every format.
            await page.ClickAsync("button:text-is('승인하고 1판으로 확정')");
            await page.WaitForURLAsync($"**/staff/reports/{rid}?done=approve#approve");
            Assert.Contains("1판으로 승인되었습니다", await page.Locator("#approve").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(["DOCX (Word)", "HWPX (한글)", "Markdown", "JSON"], await page.Locator("li.version[data-version='1'] a").AllInnerTextsAsync());
            var history = page.Locator("#changes, #history");
            await page.Locator("#changes").ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Image("workspace-history.png"), FullPage = true, Clip = await ClipAsync(page, "#changes", "#history") });
            Assert.Equal(2, await history.CountAsync());

            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("li.version[data-version='1'] a[href$='docx?version=1']"));
            var saved = Path.Combine(artifacts, "workspace-v1.docx");
            await download.SaveAsAsync(saved);
            Assert.EndsWith("1판).docx", download.SuggestedFilename, StringComparison.Ordinal);
            using (var docx = WordprocessingDocument.Open(saved, false))
            {
                Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Microsoft365).Validate(docx).Select(e => e.Description));
                var text = docx.MainDocumentPart!.Document!.Body!.InnerText;
                Assert.Contains(Edited, text, StringComparison.Ordinal);
                Assert.Contains(Spoken, text, StringComparison.Ordinal);
                Assert.DoesNotContain(strategy[0].Text, text, StringComparison.Ordinal);
                Assert.Contains("전략사업분과회의", text, StringComparison.Ordinal);
                Assert.Single(docx.MainDocumentPart.ImageParts);
            }

            Assert.Empty(refused);
        }
    }

    /// <summary>The page area from the top of <paramref name="from"/> to the bottom of <paramref name="to"/>, full width.</summary>
    private static async Task<Clip> ClipAsync(IPage page, string from, string to)
    {
        var top = (await page.Locator(from).BoundingBoxAsync())!;
        var bottom = (await page.Locator(to).BoundingBoxAsync())!;
        var scroll = await page.EvaluateAsync<float>("() => window.scrollY");
        return new Clip { X = 0, Y = top.Y + scroll - 10, Width = 1360, Height = bottom.Y + bottom.Height - top.Y + 20 };
    }
}
