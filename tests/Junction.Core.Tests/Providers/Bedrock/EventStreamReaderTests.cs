using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Junction.Providers.Bedrock;
using Junction.Tests.TestSupport;

namespace Junction.Tests.Providers.Bedrock;

public class EventStreamReaderTests
{
    public static TheoryData<string> GoPositive => EventStreamVectors.GoCaseNames("positive");

    public static TheoryData<string> GoNegative => EventStreamVectors.GoCaseNames("negative");

    public static TheoryData<string> BedrockCases => EventStreamVectors.BedrockCaseNames();

    public static TheoryData<string> BedrockNegative => EventStreamVectors.BedrockNegativeNames();

    [Theory]
    [MemberData(nameof(GoPositive))]
    public void TryReadMessage_AwsSdkGoPositiveVector_MatchesDecodedJson(string name)
    {
        var frame = EventStreamVectors.GoEncoded("positive", name);
        using var decoded = JsonDocument.Parse(EventStreamVectors.GoDecoded("positive", name));
        var expected = decoded.RootElement;

        var message = ReadSingle(frame);

        Assert.Equal(expected.GetProperty("total_length").GetInt32(), frame.Length);
        Assert.Equal(expected.GetProperty("headers_length").GetInt32(), BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(4)));
        Assert.Equal(expected.GetProperty("prelude_crc").GetInt32(), BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(8)));
        Assert.Equal(expected.GetProperty("message_crc").GetInt32(), BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(frame.Length - 4)));
        EventStreamVectors.AssertHeadersEqual(expected.GetProperty("headers"), message.Headers, stringsAsBase64: true);
        Assert.Equal(expected.GetProperty("payload").GetBytesFromBase64(), message.Payload.ToArray());
    }

    [Theory]
    [MemberData(nameof(GoNegative))]
    public void TryReadMessage_AwsSdkGoNegativeVector_ThrowsNamingTheFailedCheck(string name)
    {
        var frame = EventStreamVectors.GoEncoded("negative", name);
        var expectedError = EventStreamVectors.GoDecoded("negative", name).Trim();

        var ex = Assert.Throws<EventStreamFormatException>(() => ReadSingle(frame));

        // aws-sdk-go says "Prelude checksum mismatch" / "Message checksum mismatch".
        var check = expectedError.StartsWith("Prelude", StringComparison.Ordinal) ? "prelude CRC mismatch" : "message CRC mismatch";
        Assert.Contains(check, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BedrockCases))]
    public void TryReadMessage_BedrockVector_MatchesDeclaredFrame(string name)
    {
        var vector = EventStreamVectors.BedrockCase(name);
        var frame = Convert.FromBase64String(vector.GetProperty("frame_base64").GetString()!);
        Assert.Equal(EventStreamVectors.BedrockFrame(name), frame);

        var message = ReadSingle(frame);

        Assert.Equal(vector.GetProperty("total_length").GetInt32(), frame.Length);
        Assert.Equal(vector.GetProperty("headers_length").GetUInt32(), BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(4)));
        Assert.Equal(vector.GetProperty("prelude_crc").GetUInt32(), BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(8)));
        Assert.Equal(vector.GetProperty("message_crc").GetUInt32(), BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(frame.Length - 4)));
        EventStreamVectors.AssertHeadersEqual(vector.GetProperty("headers"), message.Headers, stringsAsBase64: false);
        Assert.Equal(vector.GetProperty("payload_base64").GetBytesFromBase64(), message.Payload.ToArray());
        Assert.Equal(vector.GetProperty("payload_utf8").GetString(), Encoding.UTF8.GetString(message.Payload.Span));

        var lowLevel = vector.GetProperty("botocore_low_level_headers");
        Assert.Equal(OptionalString(lowLevel, ":message-type"), message.MessageType);
        Assert.Equal(OptionalString(lowLevel, ":event-type"), message.EventType);
        Assert.Equal(OptionalString(lowLevel, ":exception-type"), message.ExceptionType);
        Assert.Equal(OptionalString(lowLevel, ":error-code"), message.ErrorCode);
        Assert.Equal(OptionalString(lowLevel, ":error-message"), message.ErrorMessage);
    }

    [Theory]
    [MemberData(nameof(BedrockNegative))]
    public void TryReadMessage_BedrockNegativeVector_ThrowsCrcMismatch(string name)
    {
        var vector = EventStreamVectors.BedrockRoot.GetProperty("negative").EnumerateArray()
            .Single(n => n.GetProperty("name").GetString() == name);
        var frame = Convert.FromHexString(vector.GetProperty("hex").GetString()!);

        var ex = Assert.Throws<EventStreamFormatException>(() => ReadSingle(frame));

        // botocore names the CRC it expected; a flipped length bit is caught by the prelude CRC first.
        var expectedCrc = vector.GetProperty("botocore_result").GetString()!.Split("expected ")[1].Split(',')[0];
        Assert.Contains($"expected {expectedCrc}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadMessage_AllHeaderTypes_ExposesTypedValues()
    {
        var message = ReadSingle(EventStreamVectors.BedrockFrame("all_header_types"));

        Assert.True(message.GetHeader("bt")!.BoolValue);
        Assert.False(message.GetHeader("bf")!.BoolValue);
        Assert.Equal(-5, message.GetHeader("b")!.IntegerValue);
        Assert.Equal(300, message.GetHeader("s")!.IntegerValue);
        Assert.Equal(70000, message.GetHeader("i")!.IntegerValue);
        Assert.Equal(1L << 40, message.GetHeader("l")!.IntegerValue);
        Assert.Equal(new byte[] { 0x00, 0x01, 0xFF }, message.GetHeader("by")!.BytesValue.ToArray());
        Assert.Equal("héllo", message.GetString("str"));
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero), message.GetHeader("ts")!.TimestampValue);
        Assert.Equal(Guid.Parse("01020304-0506-0708-090a-0b0c0d0e0f10"), message.GetHeader("u")!.UuidValue);
        Assert.Null(message.GetString("i"));
        Assert.Throws<InvalidOperationException>(() => message.GetHeader("i")!.StringValue);
    }

    [Fact]
    public void TryReadMessage_SourceBufferReused_PayloadIsACopy()
    {
        var frame = EventStreamVectors.BedrockFrame("converse_messageStart");
        var message = ReadSingle(frame);

        Array.Clear(frame);

        Assert.Equal("""{"p":"abcd","role":"assistant"}""", Encoding.UTF8.GetString(message.Payload.Span));
    }

    [Fact]
    public void TryReadMessage_ConcatenatedStreamInOneByteSegments_DecodesEveryFrame()
    {
        var buffer = SegmentedSequence.Create(EventStreamVectors.ConcatenatedStream(), segmentSize: 1);

        var messages = new List<EventStreamMessage>();
        while (EventStreamReader.TryReadMessage(ref buffer, out var message))
        {
            messages.Add(message);
        }

        Assert.True(buffer.IsEmpty);
        AssertConcatenatedFrames(messages);
    }

    [Fact]
    public void TryReadMessage_ConcatenatedStreamSplitAtEveryBoundary_DecodesEveryFrame()
    {
        var data = EventStreamVectors.ConcatenatedStream();
        for (var split = 0; split <= data.Length; split++)
        {
            var buffer = SegmentedSequence.Create(data.AsMemory(0, split), data.AsMemory(split));
            var messages = new List<EventStreamMessage>();
            while (EventStreamReader.TryReadMessage(ref buffer, out var message))
            {
                messages.Add(message);
            }

            Assert.True(buffer.IsEmpty, $"split at {split}");
            AssertConcatenatedFrames(messages);
        }
    }

    [Fact]
    public void TryReadMessage_BytesArriveOneAtATime_WaitsThenDecodesEachFrame()
    {
        // Mimics a pipe: unconsumed bytes stay at the front, one more byte arrives per read, each in its own segment.
        var data = EventStreamVectors.ConcatenatedStream();
        var consumed = 0;
        var messages = new List<EventStreamMessage>();
        for (var available = 1; available <= data.Length; available++)
        {
            var buffer = SegmentedSequence.Create(data.AsMemory(consumed, available - consumed), segmentSize: 1);
            var before = buffer.Length;
            while (EventStreamReader.TryReadMessage(ref buffer, out var message))
            {
                messages.Add(message);
            }

            consumed += (int)(before - buffer.Length);
        }

        Assert.Equal(data.Length, consumed);
        AssertConcatenatedFrames(messages);
    }

    [Fact]
    public async Task ReadMessagesAsync_StreamReturnsOneBytePerRead_DecodesEveryFrame()
    {
        using var stream = new TrickleStream(EventStreamVectors.ConcatenatedStream(), chunkSize: 1);

        var messages = new List<EventStreamMessage>();
        await foreach (var message in EventStreamReader.ReadMessagesAsync(stream, TestContext.Current.CancellationToken))
        {
            messages.Add(message);
        }

        AssertConcatenatedFrames(messages);
    }

    [Fact]
    public async Task ReadMessagesAsync_StreamEndsMidFrame_ThrowsTruncatedAfterCompleteFrames()
    {
        var data = EventStreamVectors.ConcatenatedStream();
        var boundaries = FrameBoundaries(data);
        for (var cut = 1; cut < data.Length; cut++)
        {
            if (boundaries.Contains(cut))
            {
                continue;
            }

            using var stream = new MemoryStream(data, 0, cut);
            var count = 0;
            var ex = await Assert.ThrowsAsync<EventStreamFormatException>(async () =>
            {
                await foreach (var _ in EventStreamReader.ReadMessagesAsync(stream, TestContext.Current.CancellationToken))
                {
                    count++;
                }
            });

            Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
            Assert.Equal(boundaries.Count(b => b <= cut), count);
        }
    }

    [Fact]
    public async Task ReadMessagesAsync_CorruptFrameMidStream_ThrowsAfterEarlierFrames()
    {
        var data = EventStreamVectors.ConcatenatedStream();
        var secondFrameStart = FrameBoundaries(data)[0];
        data[secondFrameStart + 20] ^= 0x40;
        using var stream = new TrickleStream(data, chunkSize: 7);

        var messages = new List<EventStreamMessage>();
        await Assert.ThrowsAsync<EventStreamFormatException>(async () =>
        {
            await foreach (var message in EventStreamReader.ReadMessagesAsync(stream, TestContext.Current.CancellationToken))
            {
                messages.Add(message);
            }
        });

        Assert.Equal("messageStart", Assert.Single(messages).EventType);
    }

    [Fact]
    public void TryReadMessage_StrictPrefixOfFrame_ReturnsFalseAndLeavesBuffer()
    {
        var frame = EventStreamVectors.BedrockFrame("converse_contentBlockDelta_text");
        for (var length = 0; length < frame.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(frame, 0, length);

            Assert.False(EventStreamReader.TryReadMessage(ref buffer, out _));
            Assert.Equal(length, buffer.Length);
        }
    }

    [Fact]
    public void TryReadMessage_AnySingleByteCorrupted_FailsClosed()
    {
        var original = EventStreamVectors.BedrockFrame("converse_contentBlockDelta_toolUse");
        for (var i = 0; i < original.Length; i++)
        {
            var frame = (byte[])original.Clone();
            frame[i] ^= 0x01;

            var ex = Assert.Throws<EventStreamFormatException>(() => ReadSingle(frame));
            Assert.Contains(i < 12 ? "prelude CRC" : "message CRC", ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(15u, 0u, "total length")]
    [InlineData(16u * 1024 * 1024 + 1, 0u, "total length")]
    [InlineData(uint.MaxValue, 0u, "total length")]
    [InlineData(40u, 25u, "headers length")]
    [InlineData(200u * 1024, 128u * 1024 + 1, "headers length")]
    public void TryReadMessage_LengthOutOfBounds_ThrowsBeforeWaitingForBody(uint totalLength, uint headersLength, string check)
    {
        // Only the 12-byte prelude (with a valid CRC) is available: the bounds must be rejected without more data.
        var prelude = EventStreamVectors.FrameWithValidCrcs(totalLength, headersLength, [])[..12];
        var buffer = new ReadOnlySequence<byte>(prelude);

        var ex = Assert.Throws<EventStreamFormatException>(() => EventStreamReader.TryReadMessage(ref buffer, out _));
        Assert.Contains(check, ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[]> MalformedHeaders => new()
    {
        { "unknown value type 10", [1, (byte)'x', 10] },
        { "empty name", [0, 0] },
        { "truncated while reading 'header name'", [5, (byte)'a', (byte)'b'] },
        { "truncated while reading 'x'", [1, (byte)'x'] },
        { "truncated while reading 'x'", [1, (byte)'x', 4, 0, 0, 1] },
        { "truncated while reading 'x'", [1, (byte)'x', 7, 0, 9, (byte)'a', (byte)'b'] },
        { "truncated while reading 'x'", [1, (byte)'x', 6, 0] },
        { "truncated while reading 'x'", [1, (byte)'x', 9, 1, 2, 3] },
        { "not valid UTF-8", [1, (byte)'x', 7, 0, 2, 0xC3, 0x28] },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void TryReadMessage_MalformedHeadersBehindValidCrcs_Throws(string expectedError, byte[] headers)
    {
        var frame = EventStreamVectors.FrameWithValidCrcs((uint)(16 + headers.Length), (uint)headers.Length, headers);

        var ex = Assert.Throws<EventStreamFormatException>(() => ReadSingle(frame));
        Assert.Contains(expectedError, ex.Message, StringComparison.Ordinal);
    }

    private static EventStreamMessage ReadSingle(byte[] frame)
    {
        var buffer = new ReadOnlySequence<byte>(frame);
        Assert.True(EventStreamReader.TryReadMessage(ref buffer, out var message));
        Assert.True(buffer.IsEmpty);
        return message;
    }

    private static string? OptionalString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static List<int> FrameBoundaries(byte[] data)
    {
        var ends = new List<int>();
        for (var offset = 0; offset < data.Length; offset += BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(offset)))
        {
            ends.Add(offset + BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(offset)));
        }

        return ends;
    }

    private static void AssertConcatenatedFrames(List<EventStreamMessage> messages)
    {
        var names = EventStreamVectors.BedrockRoot.GetProperty("converse_stream_concatenated").GetProperty("frame_names")
            .EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Equal(names.Count, messages.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var vector = EventStreamVectors.BedrockCase(names[i]);
            EventStreamVectors.AssertHeadersEqual(vector.GetProperty("headers"), messages[i].Headers, stringsAsBase64: false);
            Assert.Equal(vector.GetProperty("payload_base64").GetBytesFromBase64(), messages[i].Payload.ToArray());
        }
    }
}
