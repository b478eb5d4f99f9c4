using System.Xml;

namespace MeetingBot.Reports.Hwpx;

/// <summary>
/// What every drawn object of the section (a table, a picture) writes alike: the opening attributes, the size, an
/// inline position, and margins.
/// </summary>
internal static class HwpxShape
{
    /// <summary>Ids start at 1; the z-order is the object's position in the section.</summary>
    public static void WriteObjectAttributes(this XmlWriter w, int objectId, string numberingType)
    {
        w.Attr("id", objectId + 1);
        w.Attr("zOrder", objectId);
        w.Attr("numberingType", numberingType);
        w.Attr("textWrap", "TOP_AND_BOTTOM");
        w.Attr("textFlow", "BOTH_SIDES");
        w.Attr("lock", false);
        w.Attr("dropcapstyle", "None");
    }

    /// <summary>
    /// <c>hp:sz</c>, then <c>hp:pos</c> in the line as a character (treatAsChar), so the object flows with the text
    /// and its paragraph's alignment places it; then a zero <c>hp:outMargin</c>.
    /// </summary>
    public static void WriteInlinePlacement(this XmlWriter w, int width, int height)
    {
        w.WriteStartElement("hp", "sz", Owpml.Hp);
        w.Attr("width", width);
        w.Attr("widthRelTo", "ABSOLUTE");
        w.Attr("height", height);
        w.Attr("heightRelTo", "ABSOLUTE");
        w.Attr("protect", false);
        w.WriteEndElement();
        w.WriteStartElement("hp", "pos", Owpml.Hp);
        w.Attr("treatAsChar", true);
        w.Attr("affectLSpacing", false);
        w.Attr("flowWithText", true);
        w.Attr("allowOverlap", false);
        w.Attr("holdAnchorAndSO", false);
        w.Attr("vertRelTo", "PARA");
        w.Attr("horzRelTo", "COLUMN");
        w.Attr("vertAlign", "TOP");
        w.Attr("horzAlign", "LEFT");
        w.Attr("vertOffset", 0);
        w.Attr("horzOffset", 0);
        w.WriteEndElement();
        w.WriteMargin("outMargin", 0, 0, 0, 0);
    }

    public static void WriteMargin(this XmlWriter w, string name, int left, int right, int top, int bottom)
    {
        w.WriteStartElement("hp", name, Owpml.Hp);
        w.Attr("left", left);
        w.Attr("right", right);
        w.Attr("top", top);
        w.Attr("bottom", bottom);
        w.WriteEndElement();
    }
}
