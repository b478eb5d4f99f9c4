using MeetingBot.Core;
using MeetingBot.Host.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// The staff page as a person sees it: Debian's headless Chromium (<see cref="StaffChromium"/>) against the host on a
/// real 127.0.0.1 port. Screenshots are kept under the test output's <c>artifacts/</c> folder.
/// </summary>
public sealed class StaffPageBrowserTests : IDisposable
{
    private const string Capacity = "ydp-2020-09-capacity";
    private readonly HostWork _work = HostWork.WithSharedSample();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task AStaffMemberLogsIn_SeesTheMeetings_AndReadsTheSampleReport()
    {
        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        _work.AddRepositoryMeetings();
        await using var host = new StaffHost(_work, kestrel: true, now: new DateTimeOffset(2020, 9, 14, 13, 50, 0, TimeSpan.FromHours(9)));
        var root = host.StartKestrel();

        // Three September meetings: one ended and delivered the day before, one paused, and the shared sample.
        await host.ReplayAsync("foundation.chat.yaml");
        await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Notified, "ydp-2020-09-foundation");
        await host.ReplayAsync("capacity.chat.yaml", until: m => m.Text == "/종료");
        await host.Services.GetRequiredService<ChatInputProcessor>().ProcessAsync(host.Say("/일시정지", "cp-pause", "임채휘", "capacity.chat.yaml"), CancellationToken.None);
        await host.ReplaySampleAsync();
        await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Notified);

        await using var chromium = await StaffChromium.OpenAsync(root, 1280);
        {
            var (page, refused) = (chromium.Page, chromium.Refused);
            var login = await page.GotoAsync("/staff");
            Assert.Equal(401, login!.Status);
            Assert.Equal("직원 로그인", await page.Locator("form.login h1").InnerTextAsync());
            await page.FillAsync("#key", StaffHost.ApiKey);
            await page.ClickAsync("form.login button");
            await page.WaitForURLAsync("**/staff");

            Assert.Equal("회의 목록", await page.Locator("h1.page").InnerTextAsync());
            var rows = page.Locator("table.meetings tbody tr");
            Assert.Equal(3, await rows.CountAsync());
            Assert.Equal(["", "2020. 9. 15.(화) 14:00", "전략사업", "영등포구협치회의 분과회의(9월)", "종료", "14건", "전달 완료"], await rows.Nth(0).Locator("td").AllInnerTextsAsync());
            Assert.Equal(["역량강화", "일시정지", "—"], (await rows.Nth(1).Locator("td").AllInnerTextsAsync()).Where((_, i) => i is 2 or 4 or 6));
            Assert.Equal(["협치기반조성", "종료", "전달 완료"], (await rows.Nth(2).Locator("td").AllInnerTextsAsync()).Where((_, i) => i is 2 or 4 or 6));

            // Only ended meetings can be picked for a report: the paused one has no box to tick.
            var boxes = new List<int>();
            for (var i = 0; i < 3; i++)
            {
                boxes.Add(await rows.Nth(i).Locator("input[type=checkbox]").CountAsync());
            }

            Assert.Equal([1, 0, 1], boxes);
            await page.SetViewportSizeAsync(1280, 400);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "staff-list.png") });
            await page.SetViewportSizeAsync(1280, 900);

            await rows.Nth(0).Locator("a").ClickAsync();
            await page.WaitForURLAsync("**/staff/meetings/ydp-2020-09-strategy");
            Assert.Equal("영등포구협치회의 분과회의(9월) 개최 결과 보고", await page.Locator("h1.report-title").InnerTextAsync());
            Assert.Equal(["Ⅰ 개최 개요", "Ⅱ 주요 회의내용", "Ⅲ 회의 사진", "붙임 시간 운영 결과"], await page.Locator("h2.report-heading").AllInnerTextsAsync());
            var bullets = await page.Locator("article.report p.para:has(.sym:text-is('▸')) .text").AllInnerTextsAsync();
            Assert.Equal(13, bullets.Count);
            Assert.Contains(bullets, b => b.Contains("협치지원관 인건비", StringComparison.Ordinal));
            Assert.Equal(14, await page.Locator("section.entries tbody tr").CountAsync());
            Assert.Contains("이견 없음", string.Join('\n', await page.Locator("section.entries").AllInnerTextsAsync()), StringComparison.Ordinal);

            // Korean text must be laid out in a Korean font, not as empty boxes: the heading is wider than its box glyphs would be.
            var fontOk = await page.EvaluateAsync<bool>("() => document.fonts.check('16px NanumMyeongjo') || document.fonts.check('16px NanumGothic')");
            Assert.True(fontOk, "no Korean font available to Chromium: " + StaffChromium.InstallHint);

            // A bullet indented two levels sits to the right of its ❍ heading, as in the documents.
            var opinionsHeading = await page.Locator("article.report p.para:has-text('주요의견')").First.BoundingBoxAsync();
            var firstBullet = await page.Locator("article.report p.para:has(.sym:text-is('▸'))").First.BoundingBoxAsync();
            Assert.True(firstBullet!.X > opinionsHeading!.X, "▸ bullets are not indented under ❍ 주요의견");

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "staff-report-full.png"), FullPage = true });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "staff-report.png"), FullPage = true, Clip = new Clip { X = 0, Y = 0, Width = 1280, Height = 1500 } });

            // The download buttons reach the API with the page's cookie.
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("section.downloads a[href$='format=docx']"));
            Assert.Equal("영등포구협치회의 분과회의(9월) 개최 결과 보고 (ydp-2020-09-strategy).docx", download.SuggestedFilename);
            var saved = Path.Combine(artifacts, "staff-download.docx");
            await download.SaveAsAsync(saved);
            Assert.True(new FileInfo(saved).Length > 5_000);

            // The 역량강화 meeting ends while its report cannot be written; the page's button (a form with its
            // anti-forgery token, posted from our own origin) asks again, and the report goes out.
            var blocker = StaffHost.BlockReportFolder(_work, Capacity);
            await host.Services.GetRequiredService<ChatInputProcessor>().ProcessAsync(host.Say("/종료", "cp-end", "임채휘", "capacity.chat.yaml"), CancellationToken.None);
            await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Failed, Capacity, advance: TimeSpan.FromMinutes(1));
            File.Delete(blocker);
            await page.GotoAsync("/staff/meetings/" + Capacity);
            Assert.Equal(1, await page.Locator("section.delivery form input[name='__RequestVerificationToken']").CountAsync());
            await page.ClickAsync("section.delivery button:text-is('다시 보내기')");
            await page.WaitForURLAsync("**/staff/meetings/" + Capacity + "?requested=1");
            Assert.Contains("전달을 다시 요청했습니다", await page.Locator("section.delivery").InnerTextAsync(), StringComparison.Ordinal);
            await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Notified, Capacity, advance: TimeSpan.FromMinutes(1));

            await page.ClickAsync("header.top button");
            await page.WaitForURLAsync("**/staff");
            Assert.Equal("직원 로그인", await page.Locator("form.login h1").InnerTextAsync());
            Assert.Empty(refused);
        }
    }
}
