using System.IO.Compression;
using System.Xml.Linq;
using MeetingBot.TestSupport.Documents;

namespace MeetingBot.Reports.Tests.Hwpx;

/// <summary>
/// Photos in report.hwpx: bytes in <c>BinData/</c>, an item of content.hpf with <c>isEmbeded="1"</c>, an
/// <c>hp:pic</c> whose <c>hc:img</c> names it — and the validator catching each way that can go wrong.
/// </summary>
public sealed class HwpxPictureTests
{
    private static readonly XNamespace Hp = HwpxPackage.Hp;
    private static readonly XNamespace Hc = HwpxPackage.Hc;
    private static readonly XNamespace Opf = "http://www.idpf.org/2007/opf/";

    /// <summary>A4 width less 20 mm margins each side, in HWPUNIT.</summary>
    private const int TextWidth = 59528 - (2 * 5669);

    private static readonly HwpxPackage Good = HwpxPackage.Write(HwpxTestDocuments.WithPhotos());

    [Fact]
    public void Photos_AreStoredInBinData_ListedInContentHpf_AndDrawnByHpPic()
    {
        Assert.Empty(HwpxValidator.Validate(Good.Bytes));
        Assert.Equal(HwpxTestDocuments.WidePng, Good.Entries.Single(e => e.Name == "BinData/BIN0001.png").Content);
        Assert.Equal(HwpxTestDocuments.SampleJpeg, Good.Entries.Single(e => e.Name == "BinData/BIN0002.jpg").Content);
        using (var zip = new ZipArchive(new MemoryStream(Good.Bytes), ZipArchiveMode.Read))
        {
            Assert.All(zip.Entries.Where(e => e.FullName.StartsWith("BinData/", StringComparison.Ordinal)), e => Assert.Equal(e.Length, e.CompressedLength));
        }

        var items = Good.Xml("Contents/content.hpf").Descendants(Opf + "item").Where(i => ((string)i.Attribute("href")!).StartsWith("BinData/", StringComparison.Ordinal));
        Assert.Equal(
            [("BIN0001", "BinData/BIN0001.png", "image/png", "1"), ("BIN0002", "BinData/BIN0002.jpg", "image/jpeg", "1")],
            items.Select(i => ((string)i.Attribute("id")!, (string)i.Attribute("href")!, (string)i.Attribute("media-type")!, (string)i.Attribute("isEmbeded")!)));

        var pictures = Good.Section.Descendants(Hp + "pic").ToList();
        Assert.Equal(["BIN0001", "BIN0002"], pictures.Select(p => (string)p.Element(Hc + "img")!.Attribute("binaryItemIDRef")!));
        foreach (var (picture, aspect) in pictures.Zip(new[] { 1600.0 / 900, 640.0 / 400 }))
        {
            var size = picture.Element(Hp + "sz")!;
            var width = (int)size.Attribute("width")!;
            var height = (int)size.Attribute("height")!;
            Assert.InRange(width, 1, TextWidth);
            Assert.Equal(aspect, (double)width / height, 2);
            Assert.Equal("1", (string)picture.Element(Hp + "pos")!.Attribute("treatAsChar")!);
        }

        Assert.DoesNotContain(Good.Header.Descendants(), e => e.Name.LocalName == "binDataList");
    }

    [Fact]
    public void EachPhoto_HasAParagraphOfItsOwn_ThenItsCaption_AndⅢAnd붙임StartAPage()
    {
        var paragraphs = Good.Section.Root!.Elements(Hp + "p").ToList();
        var withPicture = paragraphs.Where(p => p.Descendants(Hp + "pic").Any()).ToList();

        Assert.Equal(2, withPicture.Count);
        Assert.Equal(
            ["전략사업분과회의", "기반조성 & <현장>"],
            withPicture.Select(p => string.Concat(paragraphs[paragraphs.IndexOf(p) + 1].Descendants(Hp + "t").Select(t => t.Value))));
        Assert.Equal("1", (string)Good.Paragraph("Ⅲ 회의 사진").Attribute("pageBreak")!);
        Assert.Equal("1", (string)Good.Paragraph("붙임 시간 운영 결과").Attribute("pageBreak")!);
        Assert.Equal("0", (string)Good.Paragraph("Ⅱ 주요 회의내용").Attribute("pageBreak")!);
        Assert.Contains("기반조성 & <현장>", Good.Text("Preview/PrvText.txt"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Contents/content.hpf", " isEmbeded=\"1\"", "", "lacks isEmbeded=\"1\"")]
    [InlineData("Contents/content.hpf", "media-type=\"image/png\"", "media-type=\"image/jpeg\"", "its bytes are image/png")]
    [InlineData("Contents/section0.xml", "binaryItemIDRef=\"BIN0002\"", "binaryItemIDRef=\"BIN0009\"", "BIN0009 names no item of content.hpf")]
    [InlineData("Contents/section0.xml", "<hc:img ", "<hp:img ", "must be hc:img")]
    [InlineData("Contents/header.xml", "<hh:refList>", "<hh:refList><hh:binDataList itemCnt=\"0\" />", "has a binDataList")]
    [InlineData("Contents/section0.xml", "<hp:imgDim ", "<hp:imgSize ", "lack imgDim")]
    [InlineData("Contents/section0.xml", "</hp:pic>", "<hp:bogus /></hp:pic>", "unexpected child bogus")]
    public void BrokenPicture_IsCaught(string part, string find, string replace, string expected)
    {
        Assert.Contains(find, Good.Text(part), StringComparison.Ordinal);

        var broken = Good.Rewrite((name, content) => name == part ? HwpxPackage.ReplaceFirst(content, find, replace) : content);

        Assert.Contains(HwpxValidator.Validate(broken), v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void PicChildrenOutOfOrder_AreCaught()
    {
        var broken = Good.Rewrite((name, content) =>
        {
            if (name != "Contents/section0.xml")
            {
                return content;
            }

            var section = XDocument.Parse(content);
            var picture = section.Descendants(Hp + "pic").First();
            var image = picture.Element(Hc + "img")!;
            image.Remove();
            picture.AddFirst(image);
            return section.Declaration + section.ToString(SaveOptions.DisableFormatting);
        });

        Assert.Contains(HwpxValidator.Validate(broken), v => v.Contains("out of Hancom's order", StringComparison.Ordinal));
    }

    [Fact]
    public void BinDataEntryTheManifestDoesNotList_AndItemWithoutItsEntry_AreCaught()
    {
        var unlisted = Good.Rewrite((name, content) => name == "Contents/content.hpf"
            ? HwpxPackage.ReplaceFirst(content, "<opf:item id=\"BIN0001\" href=\"BinData/BIN0001.png\" media-type=\"image/png\" isEmbeded=\"1\" />", "")
            : content);
        var missing = Good.Rewrite((_, content) => content, keep: name => name != "BinData/BIN0002.jpg");

        Assert.Contains(HwpxValidator.Validate(unlisted), v => v.Contains("BinData/BIN0001.png is in the package but not in the manifest", StringComparison.Ordinal));
        Assert.Contains(HwpxValidator.Validate(missing), v => v.Contains("points at BinData/BIN0002.jpg, which is not in the package", StringComparison.Ordinal));
    }
}
