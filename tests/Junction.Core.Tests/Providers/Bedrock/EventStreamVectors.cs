using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Junction.Providers.Bedrock;
using Junction.Tests.TestSupport;

namespace Junction.Tests.Providers.Bedrock;

/// <summary>Loads the event-stream vectors from shared/reference/eventstream-vectors and compares decoded headers.</summary>
internal static class EventStreamVectors
{
    private static readonly Lazy<JsonDocument> Bedrock = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(ReferenceFiles.Path("eventstream-vectors", "bedrock-eventstream-vectors.json"))));

    public static JsonElement BedrockRoot => Bedrock.Value.RootElement;

    public static TheoryData<string> BedrockCaseNames() =>
        [.. BedrockRoot.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    public static TheoryData<string> BedrockNegativeNames() =>
        [.. BedrockRoot.GetProperty("negative").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    public static JsonElement BedrockCase(string name) =>
        BedrockRoot.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static byte[] BedrockFrame(string name) => Convert.FromHexString(BedrockCase(name).GetProperty("frame_hex").GetString()!);

    public static byte[] ConcatenatedStream() =>
        Convert.FromHexString(BedrockRoot.GetProperty("converse_stream_concatenated").GetProperty("hex").GetString()!);

    public static TheoryData<string> GoCaseNames(string kind) =>
        [.. Directory.GetFiles(ReferenceFiles.Path("eventstream-vectors", "aws-sdk-go-testdata", "encoded", kind))
            .Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static byte[] GoEncoded(string kind, string name) =>
        File.ReadAllBytes(ReferenceFiles.Path("eventstream-vectors", "aws-sdk-go-testdata", "encoded", kind, name));

    public static string GoDecoded(string kind, string name) =>
        File.ReadAllText(ReferenceFiles.Path("eventstream-vectors", "aws-sdk-go-testdata", "decoded", kind, name));

    /// <summary>
    /// Builds the header a vector declares. aws-sdk-go writes string values as base64 of their UTF-8 bytes
    /// (<paramref name="stringsAsBase64"/>); the Bedrock file writes them as plain strings. Byte arrays and UUIDs
    /// are base64 in both, timestamps are milliseconds, and UUID bytes are in network order.
    /// </summary>
    public static EventStreamHeader ToHeader(JsonElement header, bool stringsAsBase64)
    {
        var name = header.GetProperty("name").GetString()!;
        var value = header.GetProperty("value");
        return (EventStreamHeaderType)header.GetProperty("type").GetInt32() switch
        {
            EventStreamHeaderType.BoolTrue => EventStreamHeader.Bool(name, true),
            EventStreamHeaderType.BoolFalse => EventStreamHeader.Bool(name, false),
            EventStreamHeaderType.Byte => EventStreamHeader.Byte(name, value.GetSByte()),
            EventStreamHeaderType.Int16 => EventStreamHeader.Int16(name, value.GetInt16()),
            EventStreamHeaderType.Int32 => EventStreamHeader.Int32(name, value.GetInt32()),
            EventStreamHeaderType.Int64 => EventStreamHeader.Int64(name, value.GetInt64()),
            EventStreamHeaderType.ByteArray => EventStreamHeader.Bytes(name, value.GetBytesFromBase64()),
            EventStreamHeaderType.String => EventStreamHeader.String(name,
                stringsAsBase64 ? Encoding.UTF8.GetString(value.GetBytesFromBase64()) : value.GetString()!),
            EventStreamHeaderType.Timestamp => EventStreamHeader.Timestamp(name, value.GetInt64()),
            EventStreamHeaderType.Uuid => EventStreamHeader.Uuid(name, new Guid(value.GetBytesFromBase64(), bigEndian: true)),
            var other => throw new InvalidOperationException($"Vector uses unknown header type {other}."),
        };
    }

    public static void AssertHeadersEqual(JsonElement expectedHeaders, IReadOnlyList<EventStreamHeader> actual, bool stringsAsBase64)
    {
        var expected = expectedHeaders.EnumerateArray().Select(h => ToHeader(h, stringsAsBase64)).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            AssertHeaderEqual(expected[i], actual[i]);
        }
    }

    public static void AssertHeaderEqual(EventStreamHeader expected, EventStreamHeader actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Type, actual.Type);
        switch (expected.Type)
        {
            case EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse:
                Assert.Equal(expected.BoolValue, actual.BoolValue);
                break;
            case EventStreamHeaderType.Byte or EventStreamHeaderType.Int16 or EventStreamHeaderType.Int32 or EventStreamHeaderType.Int64:
                Assert.Equal(expected.IntegerValue, actual.IntegerValue);
                break;
            case EventStreamHeaderType.ByteArray:
                Assert.Equal(expected.BytesValue.ToArray(), actual.BytesValue.ToArray());
                break;
            case EventStreamHeaderType.String:
                Assert.Equal(expected.StringValue, actual.StringValue);
                break;
            case EventStreamHeaderType.Timestamp:
                Assert.Equal(expected.TimestampMilliseconds, actual.TimestampMilliseconds);
                break;
            case EventStreamHeaderType.Uuid:
                Assert.Equal(expected.UuidValue, actual.UuidValue);
                break;
        }
    }

    /// <summary>Re-computes both CRCs, so header and length checks can be tested behind valid checksums.</summary>
    public static byte[] FrameWithValidCrcs(uint totalLength, uint headersLength, ReadOnlySpan<byte> body)
    {
        var frame = new byte[12 + body.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(frame, totalLength);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), System.IO.Hashing.Crc32.HashToUInt32(frame.AsSpan(0, 8)));
        body.CopyTo(frame.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(frame.Length - 4),
            System.IO.Hashing.Crc32.HashToUInt32(frame.AsSpan(0, frame.Length - 4)));
        return frame;
    }
}
