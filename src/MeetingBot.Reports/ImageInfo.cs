using System.Buffers.Binary;

namespace MeetingBot.Reports;

/// <summary>
/// What a photo is, read from its own first bytes: PNG or JPEG and its size in pixels. The writers need the size to
/// scale the picture and the type to name the part; a file name's extension is not trusted for either.
/// </summary>
public readonly record struct ImageInfo(string ContentType, string Extension, int Width, int Height)
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The image's type and size, or null when the bytes are neither a PNG nor a baseline/progressive JPEG.</summary>
    public static ImageInfo? Read(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
        {
            // The IHDR chunk comes first: length (4), "IHDR", width (4), height (4), big-endian.
            if (data.Length < 24 || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
            {
                return null;
            }

            return Sized(Png, "png", BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..]));
        }

        return data.Length > 3 && data[0] == 0xFF && data[1] == 0xD8 ? ReadJpeg(data) : null;
    }

    /// <summary>Walks the JPEG markers to the first start-of-frame, which holds the size.</summary>
    private static ImageInfo? ReadJpeg(ReadOnlySpan<byte> data)
    {
        var at = 2;
        while (at + 4 <= data.Length)
        {
            if (data[at] != 0xFF)
            {
                return null;
            }

            var marker = data[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
            if (length < 2)
            {
                return null;
            }

            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision (1), height (2), width (2).
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                return at + 9 <= data.Length
                    ? Sized(Jpeg, "jpg", BinaryPrimitives.ReadUInt16BigEndian(data[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(at + 5)..]))
                    : null;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return null;
            }

            at += 2 + length;
        }

        return null;
    }

    private static ImageInfo? Sized(string contentType, string extension, int width, int height) =>
        width > 0 && height > 0 ? new ImageInfo(contentType, extension, width, height) : null;
}
