using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using Pic = DocumentFormat.OpenXml.Drawing.Pictures;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace MeetingBot.Reports.Docx;

/// <summary>
/// Puts a <see cref="PictureBlock"/> into the document as an inline DrawingML picture (an image part of the main
/// part, scaled to the text width) in a centred paragraph, and its caption in the paragraph under it.
/// </summary>
internal sealed class DocxPictures(MainDocumentPart main)
{
    private const long EmuPerTwip = 635;
    private const string PictureUri = "http://schemas.openxmlformats.org/drawingml/2006/picture";

    // Drawing object ids must be unique in the document; 0 is not allowed.
    private uint _nextId = 1;

    public IEnumerable<Paragraph> Create(PictureBlock block, DocxText text)
    {
        var part = main.AddImagePart(block.ContentType == ImageInfo.Png ? ImagePartType.Png : ImagePartType.Jpeg);
        using (var data = new MemoryStream(block.Data.ToArray(), writable: false))
        {
            part.FeedData(data);
        }

        var (cx, cy) = block.FitInto(DocxStyles.TextWidth * EmuPerTwip);
        var id = _nextId++;
        // The caption's replaced characters are counted once, by its run below.
        var caption = XmlText.Clean(block.Caption, out _);
        var name = XmlText.Clean(block.FileName, out _);
        var inline = new Wp.Inline(
            new Wp.Extent { Cx = cx, Cy = cy },
            new Wp.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new Wp.DocProperties { Id = id, Name = name, Description = caption },
            new Wp.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new Pic.Picture(
                    new Pic.NonVisualPictureProperties(
                        new Pic.NonVisualDrawingProperties { Id = id, Name = name, Description = caption },
                        new Pic.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
                    new Pic.BlipFill(
                        new A.Blip { Embed = main.GetIdOfPart(part) },
                        new A.Stretch(new A.FillRectangle())),
                    new Pic.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = PictureUri }))
        {
            DistanceFromTop = 0,
            DistanceFromBottom = 0,
            DistanceFromLeft = 0,
            DistanceFromRight = 0,
        };

        yield return DocxWriter.StyledParagraph(DocxStyles.PictureStyle, new Run(new Drawing(inline)));
        yield return DocxWriter.StyledParagraph(DocxStyles.CaptionStyle, text.Run(block.Caption));
    }
}
