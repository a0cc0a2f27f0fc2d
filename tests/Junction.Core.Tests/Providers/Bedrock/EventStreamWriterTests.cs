using System.Buffers;
using System.Text;
using System.Text.Json;
using Junction.Providers.Bedrock;

namespace Junction.Tests.Providers.Bedrock;

public class EventStreamWriterTests
{
    public static TheoryData<string> BedrockCases => EventStreamVectors.BedrockCaseNames();

    public static TheoryData<string> GoPositive => EventStreamVectors.GoCaseNames("positive");

    /// <summary>Vectors carrying a :message-type (all but all_header_types and empty).</summary>
    public static TheoryData<string> BedrockShapedCases =>
        [.. EventStreamVectors.BedrockRoot.GetProperty("cases").EnumerateArray()
            .Where(c => c.GetProperty("botocore_low_level_headers").TryGetProperty(":message-type", out _))
            .Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(BedrockCases))]
    public void Encode_BedrockVectorDeclaredHeaders_ReproducesFrameByteForByte(string name)
    {
        var vector = EventStreamVectors.BedrockCase(name);
        var headers = vector.GetProperty("headers").EnumerateArray()
            .Select(h => EventStreamVectors.ToHeader(h, stringsAsBase64: false)).ToList();

        var frame = EventStreamWriter.Encode(headers, vector.GetProperty("payload_base64").GetBytesFromBase64());

        Assert.Equal(Convert.ToHexStringLower(EventStreamVectors.BedrockFrame(name)), Convert.ToHexStringLower(frame));
    }

    [Theory]
    [MemberData(nameof(BedrockCases))]
    public void Encode_DecodedBedrockVector_RoundTripsByteForByte(string name)
    {
        var original = EventStreamVectors.BedrockFrame(name);
        var buffer = new ReadOnlySequence<byte>(original);
        Assert.True(EventStreamReader.TryReadMessage(ref buffer, out var message));

        Assert.Equal(original, EventStreamWriter.Encode(message.Headers, message.Payload.Span));
    }

    [Theory]
    [MemberData(nameof(BedrockShapedCases))]
    public void EncodeHelpers_BedrockFrameOfTheirKind_ReproduceFrame(string name)
    {
        var vector = EventStreamVectors.BedrockCase(name);
        var payload = vector.GetProperty("payload_base64").GetBytesFromBase64();
        var lowLevel = vector.GetProperty("botocore_low_level_headers");
        byte[] frame = lowLevel.GetProperty(":message-type").GetString() switch
        {
            "event" => EventStreamWriter.EncodeEvent(lowLevel.GetProperty(":event-type").GetString()!, payload),
            "exception" => EventStreamWriter.EncodeException(lowLevel.GetProperty(":exception-type").GetString()!, payload),
            "error" => EventStreamWriter.EncodeError(
                lowLevel.GetProperty(":error-code").GetString()!, lowLevel.GetProperty(":error-message").GetString()!),
            var other => throw new InvalidOperationException($"Unexpected :message-type '{other}'."),
        };

        Assert.Equal(EventStreamVectors.BedrockFrame(name), frame);
    }

    [Fact]
    public void EncodeHelpers_VectorSet_CoversEveryMessageType()
    {
        var kinds = BedrockShapedCases.Select(row => row.Data)
            .Select(n => EventStreamVectors.BedrockCase(n).GetProperty("botocore_low_level_headers").GetProperty(":message-type").GetString())
            .ToHashSet();

        Assert.Equal(12, BedrockShapedCases.Count);
        Assert.Equal(["error", "event", "exception"], kinds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(GoPositive))]
    public void Encode_AwsSdkGoDecodedVector_ReproducesEncodedFile(string name)
    {
        using var decoded = JsonDocument.Parse(EventStreamVectors.GoDecoded("positive", name));
        var headers = decoded.RootElement.GetProperty("headers").EnumerateArray()
            .Select(h => EventStreamVectors.ToHeader(h, stringsAsBase64: true)).ToList();

        var frame = EventStreamWriter.Encode(headers, decoded.RootElement.GetProperty("payload").GetBytesFromBase64());

        Assert.Equal(EventStreamVectors.GoEncoded("positive", name), frame);
    }

    [Fact]
    public void Write_TwoFramesToBufferWriter_AppendsEncodedFrames()
    {
        var output = new ArrayBufferWriter<byte>(16);

        EventStreamWriter.WriteEvent(output, "messageStart", """{"p":"abcd","role":"assistant"}"""u8);
        EventStreamWriter.WriteException(output, "throttlingException",
            """{"message":"Too many tokens, please wait before trying again."}"""u8);

        var expected = EventStreamVectors.BedrockFrame("converse_messageStart")
            .Concat(EventStreamVectors.BedrockFrame("converse_exception_throttling")).ToArray();
        Assert.Equal(expected, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Encode_MultiByteUtf8Values_RoundTrips()
    {
        EventStreamHeader[] headers =
        [
            EventStreamHeader.String(":event-type", "contentBlockDelta"),
            EventStreamHeader.String("note", "日本語 ✓ 😀"),
            EventStreamHeader.Timestamp("at", new DateTimeOffset(2025, 1, 15, 12, 30, 45, 123, TimeSpan.Zero)),
            EventStreamHeader.Uuid("id", Guid.Parse("6f1c1c1e-83f2-4e0b-9a3d-2b5d7d0f9e11")),
            EventStreamHeader.Int16("neg", -2),
        ];
        var payload = Encoding.UTF8.GetBytes("""{"delta":{"text":"héllo 😀"}}""");

        var buffer = new ReadOnlySequence<byte>(EventStreamWriter.Encode(headers, payload));
        Assert.True(EventStreamReader.TryReadMessage(ref buffer, out var message));

        Assert.Equal(headers.Length, message.Headers.Count);
        for (var i = 0; i < headers.Length; i++)
        {
            EventStreamVectors.AssertHeaderEqual(headers[i], message.Headers[i]);
        }

        Assert.Equal(payload, message.Payload.ToArray());
    }

    [Fact]
    public void Encode_HeaderNameLongerThan255Bytes_Throws()
    {
        var header = EventStreamHeader.Bool(new string('n', 256), true);

        Assert.Throws<ArgumentException>(() => EventStreamWriter.Encode([header], []));
    }

    [Fact]
    public void Encode_StringValueLongerThan65535Bytes_Throws()
    {
        var header = EventStreamHeader.String("big", new string('v', ushort.MaxValue + 1));

        Assert.Throws<ArgumentException>(() => EventStreamWriter.Encode([header], []));
    }

    [Fact]
    public void Encode_MessageOver16MiB_Throws()
    {
        var payload = new byte[EventStreamReader.MaxMessageLength - 15];

        Assert.Throws<ArgumentException>(() => EventStreamWriter.Encode([], payload));
    }
}
