using System.Buffers.Binary;
using System.IO.Compression;

namespace MeetingBot.TestSupport;

/// <summary>Real pictures for report tests: PNGs made here in any size and colour, and the sample's JPEG.</summary>
public static class TestPictures
{
    private static readonly uint[] CrcTable = [.. Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }

        return c;
    })];

    /// <summary>The 협치기반조성 sample photo: a 640×400 baseline JPEG.</summary>
    public static string SampleJpegPath { get; } = RepositoryFiles.PathOf("samples", "2020-09", "photos", "ydp-2020-09-foundation.jpg");

    /// <summary>A <paramref name="width"/>×<paramref name="height"/> RGB PNG, one colour with a darker frame, so a renderer shows its edges.</summary>
    public static byte[] Png(int width, int height, (byte R, byte G, byte B) colour)
    {
        var rows = new byte[height * ((width * 3) + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = y * ((width * 3) + 1);
            for (var x = 0; x < width; x++)
            {
                var frame = x < 4 || y < 4 || x >= width - 4 || y >= height - 4;
                rows[row + 1 + (x * 3)] = frame ? (byte)(colour.R / 2) : colour.R;
                rows[row + 2 + (x * 3)] = frame ? (byte)(colour.G / 2) : colour.G;
                rows[row + 3 + (x * 3)] = frame ? (byte)(colour.B / 2) : colour.B;
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(rows);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR"u8, header);
        Chunk(png, "IDAT"u8, compressed.ToArray());
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        var crc = 0xFFFFFFFFu;
        foreach (var b in (ReadOnlySpan<byte>)[.. type, .. data])
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        BinaryPrimitives.WriteUInt32BigEndian(number, crc ^ 0xFFFFFFFFu);
        png.Write(number);
    }
}
