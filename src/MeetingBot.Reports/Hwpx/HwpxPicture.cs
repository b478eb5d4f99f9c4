using System.Globalization;
using System.Xml;

namespace MeetingBot.Reports.Hwpx;

/// <summary>
/// A photo of the package: its bytes at <c>BinData/BIN0001.png</c>, an item of content.hpf with <c>isEmbeded="1"</c>
/// under <see cref="Id"/>, and the <c>hp:pic</c> whose <c>hc:img binaryItemIDRef</c> names that item.
/// </summary>
internal sealed record HwpxPicture(string Id, string Path, PictureBlock Block)
{
    /// <summary>Hangul's image units: HWPUNIT per pixel at 96 dpi (7200 / 96).</summary>
    private const int UnitsPerPixel = 75;

    /// <summary>The document's photos in order, numbered from BIN0001. A block without a picture gets none.</summary>
    public static IReadOnlyDictionary<PictureBlock, HwpxPicture> Number(ReportDocument document)
    {
        var pictures = new Dictionary<PictureBlock, HwpxPicture>(ReferenceEqualityComparer.Instance);
        foreach (var block in document.Blocks.OfType<PictureBlock>())
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"BIN{pictures.Count + 1:D4}");
            var extension = block.ContentType == ImageInfo.Png ? "png" : "jpg";
            pictures[block] = new HwpxPicture(id, $"BinData/{id}.{extension}", block);
        }

        return pictures;
    }

    /// <summary>
    /// The <c>hp:pic</c>, children in the order Hancom writes them. It sits in the line as a character (treatAsChar)
    /// so the centred paragraph centres it; displayed and original sizes are the same, so no matrix scales it.
    /// </summary>
    public void Write(XmlWriter w, int objectId)
    {
        var (fitWidth, fitHeight) = Block.FitInto(Owpml.TextWidth);
        var (width, height) = ((int)fitWidth, (int)fitHeight);
        var (pixelWidth, pixelHeight) = (Block.PixelWidth * UnitsPerPixel, Block.PixelHeight * UnitsPerPixel);
        w.WriteStartElement("hp", "pic", Owpml.Hp);
        w.WriteObjectAttributes(objectId, "PICTURE");
        w.Attr("href", "");
        w.Attr("groupLevel", 0);
        w.Attr("instid", objectId + 1);
        w.Attr("reverse", false);

        Point("offset", "x", 0, "y", 0);
        Size("orgSz", width, height);
        Size("curSz", width, height);
        w.WriteStartElement("hp", "flip", Owpml.Hp);
        w.Attr("horizontal", false);
        w.Attr("vertical", false);
        w.WriteEndElement();
        w.WriteStartElement("hp", "rotationInfo", Owpml.Hp);
        w.Attr("angle", 0);
        w.Attr("centerX", width / 2);
        w.Attr("centerY", height / 2);
        w.Attr("rotateimage", true);
        w.WriteEndElement();
        w.WriteStartElement("hp", "renderingInfo", Owpml.Hp);
        foreach (var matrix in (string[])["transMatrix", "scaMatrix", "rotMatrix"])
        {
            w.WriteStartElement("hc", matrix, Owpml.Hc);
            foreach (var (name, value) in (ReadOnlySpan<(string, int)>)[("e1", 1), ("e2", 0), ("e3", 0), ("e4", 0), ("e5", 1), ("e6", 0)])
            {
                w.Attr(name, value);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("hp", "imgRect", Owpml.Hp);
        CorePoint("pt0", 0, 0);
        CorePoint("pt1", width, 0);
        CorePoint("pt2", width, height);
        CorePoint("pt3", 0, height);
        w.WriteEndElement();
        w.WriteMargin("imgClip", 0, pixelWidth, 0, pixelHeight);
        w.WriteMargin("inMargin", 0, 0, 0, 0);
        w.WriteStartElement("hp", "imgDim", Owpml.Hp);
        w.Attr("dimwidth", pixelWidth);
        w.Attr("dimheight", pixelHeight);
        w.WriteEndElement();
        w.WriteStartElement("hc", "img", Owpml.Hc);
        w.Attr("binaryItemIDRef", Id);
        w.Attr("bright", 0);
        w.Attr("contrast", 0);
        w.Attr("effect", "REAL_PIC");
        w.Attr("alpha", 0);
        w.WriteEndElement();
        w.WriteElementString("hp", "effects", Owpml.Hp, null);

        w.WriteInlinePlacement(width, height);
        w.WriteEndElement();

        void Point(string name, string x, int xValue, string y, int yValue)
        {
            w.WriteStartElement("hp", name, Owpml.Hp);
            w.Attr(x, xValue);
            w.Attr(y, yValue);
            w.WriteEndElement();
        }

        void Size(string name, int widthValue, int heightValue) => Point(name, "width", widthValue, "height", heightValue);

        void CorePoint(string name, int x, int y)
        {
            w.WriteStartElement("hc", name, Owpml.Hc);
            w.Attr("x", x);
            w.Attr("y", y);
            w.WriteEndElement();
        }
    }
}
