using System.IO.Compression;
using System.Text.RegularExpressions;

using MeetingBot.TestSupport.Documents;

namespace MeetingBot.Reports.Tests.Hwpx;

/// <summary>The validator must catch broken packages, or its empty answers on the writer's output prove nothing.</summary>
public sealed class HwpxValidatorTests
{
    private static readonly HwpxPackage Good = HwpxPackage.Write(HwpxTestDocuments.ReferenceLike());

    [Fact]
    public void CompressedMimetype_IsCaught()
    {
        var broken = Good.Rewrite((_, text) => text, compressMimetype: true);

        Assert.Contains(HwpxValidator.Validate(broken), v => v.Contains("compression method 8", StringComparison.Ordinal));
    }

    [Fact]
    public void MimetypeNotFirst_IsCaught()
    {
        var broken = Good.Rewrite((_, text) => text, mimetypeLast: true);

        Assert.Contains(HwpxValidator.Validate(broken), v => v.Contains("first entry is 'version.xml'", StringComparison.Ordinal));
    }

    [Fact]
    public void MimetypeWithDataDescriptor_IsCaught()
    {
        using var output = new NonSeekableStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in Good.Entries)
            {
                using var stream = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        Assert.Contains(HwpxValidator.Validate(output.ToArray()), v => v.Contains("data descriptor", StringComparison.Ordinal));
    }

    [Fact]
    public void MimetypeWithNewline_IsCaught()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in Good.Entries)
            {
                using var stream = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open();
                stream.Write(name == "mimetype" ? "application/hwp+zip\n"u8 : content);
            }
        }

        Assert.Contains(HwpxValidator.Validate(output.ToArray()), v => v.Contains("without newline", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Contents/header.xml", "<hh:charProperties itemCnt=\"7\">", "<hh:charProperties itemCnt=\"8\">", "charProperties itemCnt=8 but has 7 children")]
    [InlineData("Contents/header.xml", "secCnt=\"1\"", "secCnt=\"2\"", "secCnt is 2")]
    [InlineData("Contents/header.xml", "<hh:fontface lang=\"USER\" fontCnt=\"4\">", "<hh:fontface lang=\"EXTRA\" fontCnt=\"4\">", "must be the 7 languages")]
    [InlineData("Contents/header.xml", " standalone=\"yes\"", "", "lacks standalone")]
    [InlineData("Contents/section0.xml", " xmlns:hhs=\"http://www.hancom.co.kr/hwpml/2011/history\"", "", "xmlns:hhs")]
    [InlineData("Contents/content.hpf", "xmlns:opf=\"http://www.idpf.org/2007/opf/\"", "xmlns:opf=\"http://www.idpf.org/2007/opf\"", "xmlns:opf")]
    [InlineData("Contents/section0.xml", "charPrIDRef=\"0\"", "charPrIDRef=\"99\"", "charPrIDRef=99 refers to no defined id")]
    [InlineData("Contents/section0.xml", "paraPrIDRef=\"2\"", "paraPrIDRef=\"42\"", "paraPrIDRef=42 refers to no defined id")]
    [InlineData("Contents/section0.xml", "borderFillIDRef=\"4\"", "borderFillIDRef=\"9\"", "borderFillIDRef=9 refers to no defined id")]
    [InlineData("Contents/section0.xml", "styleIDRef=\"0\"", "styleIDRef=\"5\"", "styleIDRef=5 refers to no defined id")]
    [InlineData("Contents/section0.xml", "</hp:run></hp:p>", "</hp:run><hp:linesegarray/></hp:p>", "linesegarray")]
    [InlineData("Contents/section0.xml", "height=\"84186\"", "height=\"84000\"", "not A4")]
    [InlineData("Contents/section0.xml", "<hp:ctrl><hp:colPr ", "<hp:ctrl><hp:colSpec ", "no hp:ctrl/hp:colPr")]
    [InlineData("Contents/section0.xml", "rowCnt=\"5\"", "rowCnt=\"4\"", "rowCnt=4 but 5 hp:tr")]
    [InlineData("Contents/section0.xml", "<hp:cellSpan colSpan=\"2\" rowSpan=\"1\" />", "<hp:cellSpan colSpan=\"1\" rowSpan=\"1\" />", "covered by 0 cells")]
    [InlineData("Contents/section0.xml", "<hp:cellAddr colAddr=\"4\" rowAddr=\"0\" />", "<hp:cellAddr colAddr=\"5\" rowAddr=\"0\" />", "outside the")]
    [InlineData("Contents/content.hpf", "<opf:itemref idref=\"section0\" linear=\"yes\" />", "", "spine is [Contents/header.xml]")]
    [InlineData("META-INF/container.xml", "full-path=\"Contents/content.hpf\"", "full-path=\"Contents/other.hpf\"", "no rootfile Contents/content.hpf")]
    [InlineData("version.xml", "tagetApplication", "targetApplication", "tagetApplication")]
    [InlineData("settings.xml", "</ha:HWPApplicationSetting>", "", "not well-formed")]
    public void BrokenPart_IsCaught(string part, string find, string replace, string expected)
    {
        var text = Good.Text(part);
        Assert.Contains(find, text);

        var broken = Good.Rewrite((name, content) => name == part ? HwpxPackage.ReplaceFirst(content, find, replace) : content);

        var violations = HwpxValidator.Validate(broken);
        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void CharPrChildrenOutOfOrder_AreCaught()
    {
        var broken = Good.Rewrite((name, content) => name == "Contents/header.xml"
            ? HwpxPackage.ReplaceFirst(content, "<hh:bold /><hh:underline type=\"NONE\" shape=\"SOLID\" color=\"#000000\" />", "<hh:underline type=\"NONE\" shape=\"SOLID\" color=\"#000000\" /><hh:bold />")
            : content);

        Assert.Contains(HwpxValidator.Validate(broken), v => v.Contains("are not in the order fontRef", StringComparison.Ordinal));
    }

    [Fact]
    public void SecPrOutsideTheFirstRun_IsCaught()
    {
        var broken = Good.Rewrite((name, content) => name == "Contents/section0.xml"
            ? Regex.Replace(content, "^(.*?<hp:p [^>]*>)(<hp:run charPrIDRef=\"1\"><hp:secPr.*?</hp:run>)(<hp:run.*?</hp:run>)", "$1$3$2")
            : content);

        Assert.Contains(HwpxValidator.Validate(broken), v => v.Contains("does not start with hp:secPr", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingEntry_IsCaught()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in Good.Entries.Where(e => e.Name != "Preview/PrvText.txt"))
            {
                using var stream = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        var violations = HwpxValidator.Validate(output.ToArray());
        Assert.Contains("missing entry Preview/PrvText.txt", violations);
        Assert.Contains(violations, v => v.Contains("rootfile Preview/PrvText.txt is not in the package", StringComparison.Ordinal));
    }
}
