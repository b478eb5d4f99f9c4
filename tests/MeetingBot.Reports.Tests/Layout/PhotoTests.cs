using System.Text;
using System.Text.Json;
using MeetingBot.Core;
using MeetingBot.Reports.Markdown;
using MeetingBot.TestSupport;
using static MeetingBot.Reports.Tests.Layout.CombinedReports;

namespace MeetingBot.Reports.Tests.Layout;

/// <summary>Ⅲ 회의 사진: the photos staff attached, each with its caption, in every format and in report.json.</summary>
public sealed class PhotoTests : IDisposable
{
    private static readonly ReportMeeting Foundation = Meeting("f", "협치기반조성", 14);
    private static readonly ReportMeeting Strategy = Meeting("s", "전략사업", 15);
    private static readonly byte[] Orange = TestPictures.Png(160, 100, (230, 120, 30));
    private static readonly byte[] Jpeg = File.ReadAllBytes(TestPictures.SampleJpegPath);

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("meetingbot-photos-");

    public void Dispose() => _work.Delete(recursive: true);

    /// <summary>Photos given strategy first; Ⅰ lists 협치기반조성 first.</summary>
    private static Report WithPhotos() => Of([Foundation, Strategy], [Item(Foundation, 1, "보고", opinions: ["의견."]), Item(Strategy, 1, "보고")]) with
    {
        Photos =
        [
            ReportPhoto.Create("s.jpg", "s", ReportPhoto.DefaultCaption("전략사업"), Jpeg),
            ReportPhoto.Create("f.png", "f", "기반조성분과회의", Orange),
        ],
    };

    private static List<ReportBlock> From(ReportDocument document, string numeral) =>
        [.. document.Blocks.SkipWhile(b => b is not HeadingBlock h || h.Numeral != numeral)];

    [Fact]
    public void Photos_GetⅢOnAPageOfItsOwn_InTheOrderOfⅠ_EachWithItsCaption_ThenTheTimesAs붙임()
    {
        var document = ReportLayout.Build(WithPhotos());

        var photos = From(document, "Ⅲ");
        Assert.Equal(new HeadingBlock("Ⅲ", "회의 사진", NewPage: true), photos[0]);
        var pictures = photos.Skip(1).TakeWhile(b => b is PictureBlock).Cast<PictureBlock>().ToList();
        Assert.Equal(["f.png", "s.jpg"], pictures.Select(p => p.FileName));
        Assert.Equal(["기반조성분과회의", "전략사업분과회의"], pictures.Select(p => p.Caption));
        Assert.Equal([(ImageInfo.Png, 160, 100), (ImageInfo.Jpeg, 640, 400)], pictures.Select(p => (p.ContentType, p.PixelWidth, p.PixelHeight)));
        Assert.Equal(new HeadingBlock("붙임", "시간 운영 결과", NewPage: true), photos[3]);
        Assert.Single(document.Blocks.OfType<HeadingBlock>(), h => h.Numeral == "붙임");
        Assert.IsType<TableBlock>(photos.Skip(4).First(b => b is not ParagraphBlock));
    }

    [Fact]
    public void NoPhotos_ⅢSaysSo_OnTheSamePage()
    {
        var document = ReportLayout.Build(Of([Strategy], [Item(Strategy, 1, "보고", opinions: ["의견."])]));

        var photos = From(document, "Ⅲ");
        Assert.Equal(new HeadingBlock("Ⅲ", "회의 사진"), photos[0]);
        Assert.Equal(new ParagraphBlock(0, "※", "첨부된 회의 사진이 없습니다.", ParagraphStyle.Note), photos[1]);
        Assert.Equal("붙임", Assert.IsType<HeadingBlock>(photos[2]).Numeral);
    }

    [Theory]
    [InlineData(1600, 1000, 10_000, 3_600)]
    [InlineData(400, 100, 10_000, 2_500)]
    [InlineData(300, 900, 10_000, 3_600)]
    public void FitInto_KeepsTheAspect_NeverWiderThanTheTextNorTallerThanItsCap(int width, int height, long text, long expectedHeight)
    {
        var (w, h) = new PictureBlock("p.png", ImageInfo.Png, Orange, width, height, "").FitInto(text);

        Assert.True(w <= text);
        Assert.Equal(expectedHeight, h);
        Assert.Equal((double)width / height, (double)w / h, 2);
    }

    [Fact]
    public void ImageInfo_ReadsTypeAndSizeFromTheBytes_NotTheName()
    {
        Assert.Equal(new ImageInfo(ImageInfo.Png, "png", 160, 100), ImageInfo.Read(Orange));
        Assert.Equal(new ImageInfo(ImageInfo.Jpeg, "jpg", 640, 400), ImageInfo.Read(Jpeg));
        Assert.Null(ImageInfo.Read("GIF89a.............."u8));
        Assert.Null(ImageInfo.Read(Orange.AsSpan(0, 20)));
        Assert.Null(ImageInfo.Read(Jpeg.AsSpan(0, 100)));
        Assert.Equal(ImageInfo.Png, ReportPhoto.Create("named.jpg", "s", "캡션", Orange).ContentType);
    }

    [Fact]
    public void ReportPhoto_RefusesWhatIsNoPicture_AndANameOutsideThePhotosFolder()
    {
        var notPicture = Assert.Throws<MeetingBotException>(() => ReportPhoto.Create("memo.png", "s", "캡션", "hello"u8.ToArray()));
        Assert.Equal("memo.png: PNG나 JPEG 그림이 아닙니다.", notPicture.Message);
        Assert.Throws<ArgumentException>(() => ReportPhoto.Create("../report.json", "s", "캡션", Orange));
        Assert.Throws<ArgumentException>(() => ReportPhoto.Create("sub/f.png", "s", "캡션", Orange));
    }

    [Fact]
    public void ReportJson_NamesEachPhoto_WithoutItsBytes_AndReadsBackTheSameFile()
    {
        var report = WithPhotos() with { MarkSubcommittee = true };

        var json = ReportJson.Serialize(report);

        using var parsed = JsonDocument.Parse(json);
        var photos = parsed.RootElement.GetProperty("photos").EnumerateArray().ToList();
        Assert.Equal(
            [("s.jpg", "s", "전략사업분과회의", "image/jpeg"), ("f.png", "f", "기반조성분과회의", "image/png")],
            photos.Select(p => (p.GetProperty("fileName").GetString(), p.GetProperty("meetingId").GetString(), p.GetProperty("caption").GetString(), p.GetProperty("contentType").GetString())));
        Assert.All(photos, p => Assert.Equal(4, p.EnumerateObject().Count()));
        Assert.True(parsed.RootElement.GetProperty("markSubcommittee").GetBoolean());

        var read = ReportJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(json, ReportJson.Serialize(read));
        Assert.True(read.MarkSubcommittee);
        Assert.All(read.Photos, p => Assert.True(p.Data.IsEmpty));
        Assert.False(JsonDocument.Parse(ReportJson.Serialize(WithPhotos())).RootElement.TryGetProperty("markSubcommittee", out _));
    }

    [Fact]
    public void ReportJson_NamingAPhotoOutsideItsFolder_IsUnreadable()
    {
        var json = ReportJson.Serialize(WithPhotos()).Replace("\"f.png\"", "\"../../etc/passwd\"", StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => ReportJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public async Task ReportFiles_KeepEachPhotoBesideTheReport_WhereReportMdLinksIt_AndReadItBack()
    {
        var report = WithPhotos();

        await ReportFiles.Default().WriteAsync(report, _work.FullName);

        Assert.Equal(Orange, await File.ReadAllBytesAsync(Path.Combine(_work.FullName, "photos", "f.png")));
        Assert.Equal(Jpeg, await File.ReadAllBytesAsync(Path.Combine(_work.FullName, "photos", "s.jpg")));
        var md = await File.ReadAllTextAsync(Path.Combine(_work.FullName, "report.md"));
        Assert.Contains("![기반조성분과회의](photos/f.png)\n\n기반조성분과회의\n", md, StringComparison.Ordinal);

        await using var json = File.OpenRead(Path.Combine(_work.FullName, "report.json"));
        var read = await ReportFiles.ReadPhotosAsync(ReportJson.Read(json), _work.FullName);
        Assert.Equal(
            ReportLayout.Build(report).Blocks.OfType<PictureBlock>().Select(p => (p.FileName, p.Caption, Bytes: Convert.ToBase64String(p.Data.Span))),
            ReportLayout.Build(read).Blocks.OfType<PictureBlock>().Select(p => (p.FileName, p.Caption, Bytes: Convert.ToBase64String(p.Data.Span))));
    }

    [Fact]
    public async Task PhotoWhoseFileIsGone_IsNamedInⅢ_WithItsCaption()
    {
        await ReportFiles.Default().WriteAsync(WithPhotos(), _work.FullName);
        File.Delete(Path.Combine(_work.FullName, "photos", "s.jpg"));

        await using var json = File.OpenRead(Path.Combine(_work.FullName, "report.json"));
        var read = await ReportFiles.ReadPhotosAsync(ReportJson.Read(json), _work.FullName);
        var document = ReportLayout.Build(read);

        Assert.Single(document.Blocks.OfType<PictureBlock>());
        Assert.Contains(new ParagraphBlock(0, "※", "사진 파일이 없습니다: s.jpg", ParagraphStyle.Note), document.Blocks);
        Assert.Contains(new ParagraphBlock(0, null, "전략사업분과회의", ParagraphStyle.Note), document.Blocks);
    }

    [Fact]
    public void Markdown_CaptionIsEscaped_AndTheLinkEncoded()
    {
        var document = new ReportDocument("t", [new PictureBlock("회의 (1).png", ImageInfo.Png, Orange, 160, 100, "*굵게* [링크]")]);
        using var output = new MemoryStream();

        new MarkdownWriter().Write(document, output);

        Assert.Contains("![\\*굵게\\* \\[링크\\]](photos/%ED%9A%8C%EC%9D%98%20%281%29.png)", Encoding.UTF8.GetString(output.ToArray()), StringComparison.Ordinal);
    }
}
