using System.IO.Compression;
using System.Net;
using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Host.Api;
using MeetingBot.Reports;
using MeetingBot.Reports.Drafting;
using MeetingBot.TestSupport;

namespace MeetingBot.Host.Tests.Staff;

/// <summary>
/// What the staff page and API show: once delivered, the delivered report (the files byte for byte, the page from the
/// delivered report.json) without asking the model again; before that a rules preview; and a preview with a warning
/// when the delivered report.json is gone or damaged.
/// </summary>
public sealed class DeliveredReportTests : IDisposable
{
    private static readonly string[] Formats = ["json", "md", "docx", "hwpx"];
    private readonly HostWork _work = HostWork.WithSharedSample();

    /// <summary>What the model writes before each bullet; changed to see whether it is asked again.</summary>
    private volatile string _modelPrefix = "모델 문장: ";

    public void Dispose() => _work.Dispose();

    private string Folder => Path.Combine(_work.Reports, StaffHost.MeetingId);

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static Uri ReportUri(string format) => U($"/api/meetings/{StaffHost.MeetingId}/report?format={format}");

    private static Uri PageUri => U($"/staff/meetings/{StaffHost.MeetingId}");

    /// <summary>The model's bullets: each entry formalised by the rules, behind a prefix the rules never write.</summary>
    private Task<FakeAzureOpenAI> StartModelAsync() =>
        FakeAzureOpenAI.StartAsync(request => FakeReply.Bullets(request.Entries
            .Select(e => (_modelPrefix + KoreanFormalizer.Formalize(e.Text, Enum.Parse<EntryKind>(e.Kind, ignoreCase: true)), e.Kind, new[] { e.Id }))
            .ToArray()));

    private static Dictionary<string, string?> AzureSettings(FakeAzureOpenAI fake) => new()
    {
        ["Drafting:Provider"] = "azure-openai",
        ["Drafting:AzureOpenAI:Endpoint"] = fake.Endpoint.ToString(),
        ["Drafting:AzureOpenAI:Deployment"] = FakeAzureOpenAI.Deployment,
        ["Drafting:AzureOpenAI:ApiKey"] = FakeAzureOpenAI.Key,
        ["Drafting:AzureOpenAI:RetryDelay"] = "00:00:00",

        // The tests move the fake clock on to make delivery retries due; a call must not time out on that clock.
        ["Drafting:AzureOpenAI:CallTimeout"] = "23:00:00",
    };

    [Fact]
    public async Task AfterDelivery_ThePageAndEveryDownloadAreTheDeliveredReport_AndTheModelIsNotAskedAgain()
    {
        await using var fake = await StartModelAsync();
        await using var host = new StaffHost(_work, settings: AzureSettings(fake));
        await host.ReplaySampleAsync();
        await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Notified);
        var asked = fake.Requests.Count;
        _modelPrefix = "다시 부른 모델: ";
        using var client = host.StaffClient();

        var page = await client.GetStringAsync(PageUri);
        var again = await client.GetStringAsync(PageUri);
        var downloads = new Dictionary<string, (HttpResponseMessage Response, byte[] Body)>();
        foreach (var format in Formats)
        {
            var response = await client.GetAsync(ReportUri(format));
            downloads[format] = (response, await response.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(4, asked);
        Assert.Equal(asked, fake.Requests.Count);
        Assert.Equal(StaffBrowser.WithoutTokens(page), StaffBrowser.WithoutTokens(again));
        Assert.Contains("전달된 보고서입니다(2020. 9. 15.(화) ", page);
        Assert.Contains("<dd>Azure OpenAI (검사 후 반영)</dd>", page);
        Assert.Contains("모델 문장: ", page);
        Assert.DoesNotContain("다시 부른 모델", page);
        Assert.DoesNotContain("전달 전 미리보기", page);
        foreach (var format in Formats)
        {
            var (response, body) = downloads[format];
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("delivered", response.Headers.GetValues(StaffApi.SourceHeader).Single());
                Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Folder, $"report.{format}")), body);
            }
        }

        Assert.Contains("모델 문장: ", System.Text.Encoding.UTF8.GetString(downloads["md"].Body));
        using var json = JsonDocument.Parse(downloads["json"].Body);
        Assert.Equal("azure-openai", json.RootElement.GetProperty("drafting").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task BeforeDelivery_ThePageAndDownloadsAreARulesPreviewThatSaysSo_AndTheModelIsNotAsked()
    {
        await using var fake = await StartModelAsync();
        await using var host = new StaffHost(_work, settings: AzureSettings(fake));
        await host.ReplaySampleAsync(until: m => m.Text == "/종료");
        using var client = host.StaffClient();

        using var pageResponse = await client.GetAsync(PageUri);
        var page = await pageResponse.Content.ReadAsStringAsync();
        var bodies = new Dictionary<string, byte[]>();
        foreach (var format in Formats)
        {
            using var response = await client.GetAsync(ReportUri(format));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("preview", response.Headers.GetValues(StaffApi.SourceHeader).Single());
            bodies[format] = await response.Content.ReadAsByteArrayAsync();
        }

        Assert.Empty(fake.Requests);
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Contains("전달 전 미리보기: 지금까지의 기록으로 규칙 기반 초안을 만들어 보여 줍니다. 회의가 끝나면 Azure OpenAI (검사 후 반영)로 쓴 보고서를", page);
        Assert.Contains("<dd>규칙 기반 개조식 변환 (rules)</dd>", page);
        Assert.DoesNotContain("모델 문장", page);
        Assert.Contains("협치지원관 인건비", System.Text.Encoding.UTF8.GetString(bodies["md"]));
        Assert.Equal((byte)'P', bodies["docx"][0]);
        Assert.Equal((byte)'P', bodies["hwpx"][0]);
        using var json = JsonDocument.Parse(bodies["json"]);
        Assert.Equal("rules", json.RootElement.GetProperty("drafting").GetProperty("provider").GetString());
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public async Task ADeliveryFinishedAfterTheFilesWereWritten_NotifiesFromTheWrittenReport_WithoutAskingTheModelAgain()
    {
        await using var fake = await StartModelAsync();
        int asked;
        await using (var first = new StaffHost(_work, settings: new Dictionary<string, string?>(AzureSettings(fake)) { ["Staff:ConversationId"] = "" }))
        {
            await first.ReplaySampleAsync();
            await first.WaitForDeliveryAsync(d => d.Note is not null);
            asked = fake.Requests.Count;
        }

        // Started again with the staff conversation set: the delivery owed is finished from the files on disk.
        await using var host = new StaffHost(_work, settings: AzureSettings(fake));
        await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Notified);
        await host.OutboxIdleAsync();

        Assert.True(asked > 0);
        Assert.Equal(asked, fake.Requests.Count);
        Assert.Single(host.StaffGateway.Sent);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("damaged")]
    [InlineData("written before it held every field")]
    public async Task AnUnreadableDeliveredReportJson_GivesAPreviewWithAKoreanWarning_AndALogLine(string damage)
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync();
        await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Notified);
        var path = Path.Combine(Folder, "report.json");
        switch (damage)
        {
            case "missing":
                File.Delete(path);
                break;
            case "damaged":
                await File.WriteAllTextAsync(path, "{\"title\": \"잘린 파일");
                break;
            default:
                await File.WriteAllTextAsync(path, """{"title":"옛 보고서","meetings":[{"id":"ydp-2020-09-strategy","civilCount":7}],"items":[]}""");
                break;
        }

        using var client = host.StaffClient();

        using var pageResponse = await client.GetAsync(PageUri);
        var page = await pageResponse.Content.ReadAsStringAsync();
        using var download = await client.GetAsync(ReportUri("json"));

        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Contains("저장된 보고서 파일(report.json)을 읽지 못해, 지금 기록으로 만든 규칙 기반 미리보기를 보여 줍니다.", page);
        Assert.Contains("<span class=\"numeral\">Ⅱ</span> 주요 회의내용", page);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("preview; delivered-unreadable", download.Headers.GetValues(StaffApi.SourceHeader).Single());
        using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        Assert.Equal("영등포구협치회의 분과회의(9월) 개최 결과 보고", json.RootElement.GetProperty("title").GetString());
        var warnings = host.Logs.GetSnapshot().Where(r => r.Id.Id == 420).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains(path, w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMissingDeliveredDocument_IsRenderedAgainFromTheDeliveredReportJson_WithTheSameText()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync();
        await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Notified);
        var delivered = new Dictionary<string, byte[]>();
        foreach (var format in new[] { "md", "docx", "hwpx" })
        {
            var path = Path.Combine(Folder, $"report.{format}");
            delivered[format] = await File.ReadAllBytesAsync(path);
            File.Delete(path);
        }

        using var client = host.StaffClient();
        var again = new Dictionary<string, byte[]>();
        foreach (var format in delivered.Keys)
        {
            using var response = await client.GetAsync(ReportUri(format));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("delivered", response.Headers.GetValues(StaffApi.SourceHeader).Single());
            again[format] = await response.Content.ReadAsByteArrayAsync();
        }

        // Markdown is the same bytes; the packages differ only in their stamps and part ids, so their text parts are compared.
        Assert.Equal(delivered["md"], again["md"]);
        Assert.Equal(Part(delivered["docx"], "word/document.xml"), Part(again["docx"], "word/document.xml"));
        Assert.Equal(Part(delivered["hwpx"], "Contents/section0.xml"), Part(again["hwpx"], "Contents/section0.xml"));
        Assert.Contains("협치지원관 인건비", Part(again["docx"], "word/document.xml"), StringComparison.Ordinal);
        Assert.Equal(3, host.Logs.GetSnapshot().Count(r => r.Id.Id == 421));
    }

    [Fact]
    public async Task ADeliveredReportJson_ReadsBackIntoTheReportItWasWrittenFrom()
    {
        await using var host = new StaffHost(_work);
        await host.ReplaySampleAsync();
        await host.WaitForDeliveryAsync(d => d.Status == DeliveryStatus.Notified);
        var file = await File.ReadAllBytesAsync(Path.Combine(Folder, "report.json"));

        using var input = new MemoryStream(file);
        var report = ReportJson.Read(input);
        using var output = new MemoryStream();
        ReportJson.Write(report, output);

        Assert.Equal(file, output.ToArray());
        var meeting = Assert.Single(report.Meetings);
        Assert.Equal(["조영윤", "박서연", "이준호", "최민정", "정다은"], meeting.CivilNames);
        Assert.Equal(5, meeting.AdminNames.Count);
        Assert.False(string.IsNullOrWhiteSpace(meeting.Purpose));
    }

    private static string Part(byte[] package, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
