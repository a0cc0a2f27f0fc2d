using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Junction.TestKit.Bedrock;

/// <summary>
/// Writes AWS event-stream frames with string headers only (all Bedrock uses), written from the framing spec
/// independently of Junction's codec, so the fake checks Junction rather than mirroring it.
/// </summary>
public static class FakeEventStreamEncoder
{
    public static byte[] Event(string eventType, string json) => Frame(
        [(":event-type", eventType), (":content-type", "application/json"), (":message-type", "event")], Encoding.UTF8.GetBytes(json));

    public static byte[] Exception(string exceptionType, string message) => Frame(
        [(":exception-type", exceptionType), (":content-type", "application/json"), (":message-type", "exception")],
        Encoding.UTF8.GetBytes("{\"message\":" + System.Text.Json.JsonSerializer.Serialize(message, FakeBedrockJson.Default.String) + "}"));

    public static byte[] Frame(IReadOnlyList<(string Name, string Value)> headers, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(payload);
        var headerBytes = new MemoryStream();
        foreach (var (name, value) in headers)
        {
            var n = Encoding.UTF8.GetBytes(name);
            var v = Encoding.UTF8.GetBytes(value);
            headerBytes.WriteByte((byte)n.Length);
            headerBytes.Write(n);
            headerBytes.WriteByte(7);
            headerBytes.WriteByte((byte)(v.Length >> 8));
            headerBytes.WriteByte((byte)v.Length);
            headerBytes.Write(v);
        }

        var total = 16 + (int)headerBytes.Length + payload.Length;
        var frame = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)headerBytes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), Crc32.HashToUInt32(frame.AsSpan(0, 8)));
        headerBytes.ToArray().CopyTo(frame, 12);
        payload.CopyTo(frame, 12 + (int)headerBytes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(total - 4), Crc32.HashToUInt32(frame.AsSpan(0, total - 4)));
        return frame;
    }

    /// <summary>Splits a byte stream into frames and returns each frame's headers and payload (CRCs checked).</summary>
    public static List<(Dictionary<string, string> Headers, byte[] Payload)> Decode(ReadOnlySpan<byte> bytes)
    {
        var frames = new List<(Dictionary<string, string>, byte[])>();
        while (bytes.Length > 0)
        {
            var total = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes);
            var headersLength = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]);
            if (Crc32.HashToUInt32(bytes[..8]) != BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]) ||
                Crc32.HashToUInt32(bytes[..(total - 4)]) != BinaryPrimitives.ReadUInt32BigEndian(bytes[(total - 4)..]))
            {
                throw new InvalidDataException("event-stream CRC mismatch");
            }

            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            var h = bytes.Slice(12, headersLength);
            while (h.Length > 0)
            {
                var name = Encoding.UTF8.GetString(h.Slice(1, h[0]));
                h = h[(1 + h[0])..];
                if (h[0] != 7)
                {
                    throw new InvalidDataException("only string headers are expected");
                }

                var length = BinaryPrimitives.ReadUInt16BigEndian(h[1..]);
                headers[name] = Encoding.UTF8.GetString(h.Slice(3, length));
                h = h[(3 + length)..];
            }

            frames.Add((headers, bytes.Slice(12 + headersLength, total - 16 - headersLength).ToArray()));
            bytes = bytes[total..];
        }

        return frames;
    }
}
