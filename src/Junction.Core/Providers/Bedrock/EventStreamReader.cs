using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace Junction.Providers.Bedrock;

/// <summary>
/// Decodes AWS event-stream framing (PROTOCOLS.md 3.7): prelude CRC checked before the length is trusted, length
/// bounds, message CRC, strict header parsing. Every check fails closed with <see cref="EventStreamFormatException"/>.
/// </summary>
internal static class EventStreamReader
{
    public const int PreludeLength = 12;
    public const int MinMessageLength = 16;
    public const int MaxMessageLength = 16 * 1024 * 1024;
    public const int MaxHeadersLength = 128 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads one message from the front of <paramref name="buffer"/> and slices it off. Returns false, leaving the
    /// buffer as it was, when more bytes are needed. Unlike most Try methods this one throws
    /// <see cref="EventStreamFormatException"/> on corrupt input: corruption is not "try again later".
    /// </summary>
    public static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, out EventStreamMessage message)
    {
        message = null!;
        if (buffer.Length < PreludeLength)
        {
            return false;
        }

        Span<byte> prelude = stackalloc byte[PreludeLength];
        buffer.Slice(0, PreludeLength).CopyTo(prelude);
        var expectedPreludeCrc = BinaryPrimitives.ReadUInt32BigEndian(prelude[8..]);
        var actualPreludeCrc = Crc32.HashToUInt32(prelude[..8]);
        if (actualPreludeCrc != expectedPreludeCrc)
        {
            throw new EventStreamFormatException(
                $"Event-stream prelude CRC mismatch: expected 0x{expectedPreludeCrc:x8}, computed 0x{actualPreludeCrc:x8}.");
        }

        var totalLength = BinaryPrimitives.ReadUInt32BigEndian(prelude);
        var headersLength = BinaryPrimitives.ReadUInt32BigEndian(prelude[4..]);
        if (totalLength is < MinMessageLength or > MaxMessageLength)
        {
            throw new EventStreamFormatException(
                $"Event-stream total length {totalLength} is outside [{MinMessageLength}, {MaxMessageLength}].");
        }

        if (headersLength > MaxHeadersLength || headersLength > totalLength - MinMessageLength)
        {
            throw new EventStreamFormatException(
                $"Event-stream headers length {headersLength} does not fit a {totalLength}-byte message (max {MaxHeadersLength}).");
        }

        if (buffer.Length < totalLength)
        {
            return false;
        }

        var frame = buffer.Slice(0, totalLength);
        var crcOffset = (int)totalLength - 4;
        var expectedMessageCrc = ReadUInt32BigEndian(frame.Slice(crcOffset, 4));
        var actualMessageCrc = ComputeCrc(frame.Slice(0, crcOffset));
        if (actualMessageCrc != expectedMessageCrc)
        {
            throw new EventStreamFormatException(
                $"Event-stream message CRC mismatch: expected 0x{expectedMessageCrc:x8}, computed 0x{actualMessageCrc:x8}.");
        }

        var headers = ParseHeaders(frame.Slice(PreludeLength, headersLength));
        var payloadStart = PreludeLength + (int)headersLength;
        var payload = frame.Slice(payloadStart, crcOffset - payloadStart).ToArray();

        message = new EventStreamMessage(headers, payload);
        buffer = buffer.Slice(totalLength);
        return true;
    }

    /// <summary>Reads messages from a stream (the caller keeps ownership of it) until it ends.</summary>
    public static IAsyncEnumerable<EventStreamMessage> ReadMessagesAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadMessagesAsync(PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true)), completeReader: true, cancellationToken);
    }

    /// <summary>Reads messages from a pipe until it completes; the reader is left for the caller to complete.</summary>
    public static IAsyncEnumerable<EventStreamMessage> ReadMessagesAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadMessagesAsync(reader, completeReader: false, cancellationToken);
    }

    private static async IAsyncEnumerable<EventStreamMessage> ReadMessagesAsync(
        PipeReader reader, bool completeReader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (TryReadMessage(ref buffer, out var message))
                    {
                        // The message owns its payload, so yielding before AdvanceTo is safe.
                        yield return message;
                    }

                    if (result.IsCompleted)
                    {
                        if (!buffer.IsEmpty)
                        {
                            throw new EventStreamFormatException(
                                $"Event-stream truncated: the stream ended with {buffer.Length} bytes of an incomplete message.");
                        }

                        yield break;
                    }

                    if (result.IsCanceled)
                    {
                        throw new OperationCanceledException("The event-stream read was canceled.");
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
        finally
        {
            if (completeReader)
            {
                await reader.CompleteAsync().ConfigureAwait(false);
            }
        }
    }

    private static List<EventStreamHeader> ParseHeaders(ReadOnlySequence<byte> bytes)
    {
        var headers = new List<EventStreamHeader>(capacity: 3);
        var reader = new SequenceReader<byte>(bytes);
        while (reader.TryRead(out var nameLength))
        {
            if (nameLength == 0)
            {
                throw new EventStreamFormatException("Event-stream header has an empty name.");
            }

            var name = ReadUtf8(ref reader, nameLength, "header name");
            if (!reader.TryRead(out var type))
            {
                throw Truncated(name);
            }

            headers.Add((EventStreamHeaderType)type switch
            {
                EventStreamHeaderType.BoolTrue => EventStreamHeader.Bool(name, true),
                EventStreamHeaderType.BoolFalse => EventStreamHeader.Bool(name, false),
                EventStreamHeaderType.Byte => reader.TryRead(out var b) ? EventStreamHeader.Byte(name, (sbyte)b) : throw Truncated(name),
                EventStreamHeaderType.Int16 => reader.TryReadBigEndian(out short s) ? EventStreamHeader.Int16(name, s) : throw Truncated(name),
                EventStreamHeaderType.Int32 => reader.TryReadBigEndian(out int i) ? EventStreamHeader.Int32(name, i) : throw Truncated(name),
                EventStreamHeaderType.Int64 => reader.TryReadBigEndian(out long l) ? EventStreamHeader.Int64(name, l) : throw Truncated(name),
                EventStreamHeaderType.ByteArray => EventStreamHeader.Bytes(name, ReadBytes(ref reader, ReadLength(ref reader, name), name)),
                EventStreamHeaderType.String => EventStreamHeader.String(name, ReadUtf8(ref reader, ReadLength(ref reader, name), name)),
                EventStreamHeaderType.Timestamp => reader.TryReadBigEndian(out long ms) ? EventStreamHeader.Timestamp(name, ms) : throw Truncated(name),
                EventStreamHeaderType.Uuid => EventStreamHeader.Uuid(name, new Guid(ReadBytes(ref reader, 16, name), bigEndian: true)),
                _ => throw new EventStreamFormatException($"Event-stream header '{name}' has unknown value type {type}."),
            });
        }

        return headers;
    }

    private static int ReadLength(ref SequenceReader<byte> reader, string name) =>
        reader.TryReadBigEndian(out short length) ? (ushort)length : throw Truncated(name);

    private static byte[] ReadBytes(ref SequenceReader<byte> reader, int length, string name)
    {
        var bytes = new byte[length];
        if (!reader.TryCopyTo(bytes))
        {
            throw Truncated(name);
        }

        reader.Advance(length);
        return bytes;
    }

    private static string ReadUtf8(ref SequenceReader<byte> reader, int length, string what)
    {
        if (reader.Remaining < length)
        {
            throw Truncated(what);
        }

        try
        {
            if (reader.UnreadSpan.Length >= length)
            {
                var text = Decode(reader.UnreadSpan[..length]);
                reader.Advance(length);
                return text;
            }

            var rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                var span = rented.AsSpan(0, length);
                reader.TryCopyTo(span);
                reader.Advance(length);
                return Decode(span);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        catch (DecoderFallbackException ex)
        {
            throw new EventStreamFormatException($"Event-stream {what} is not valid UTF-8.", ex);
        }
    }

    // The names and values every Bedrock frame carries come back as constants instead of fresh strings.
    private static string Decode(ReadOnlySpan<byte> utf8) => utf8 switch
    {
        _ when utf8.SequenceEqual(":message-type"u8) => EventStreamHeaderNames.MessageType,
        _ when utf8.SequenceEqual(":event-type"u8) => EventStreamHeaderNames.EventType,
        _ when utf8.SequenceEqual(":content-type"u8) => EventStreamHeaderNames.ContentType,
        _ when utf8.SequenceEqual(":exception-type"u8) => EventStreamHeaderNames.ExceptionType,
        _ when utf8.SequenceEqual("event"u8) => EventStreamHeaderNames.MessageTypeEvent,
        _ when utf8.SequenceEqual("application/json"u8) => EventStreamHeaderNames.ApplicationJson,
        _ => StrictUtf8.GetString(utf8),
    };

    private static EventStreamFormatException Truncated(string what) =>
        new($"Event-stream header data truncated while reading '{what}'.");

    private static uint ReadUInt32BigEndian(ReadOnlySequence<byte> bytes)
    {
        Span<byte> span = stackalloc byte[4];
        bytes.CopyTo(span);
        return BinaryPrimitives.ReadUInt32BigEndian(span);
    }

    private static uint ComputeCrc(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            return Crc32.HashToUInt32(bytes.FirstSpan);
        }

        var crc = new Crc32();
        foreach (var segment in bytes)
        {
            crc.Append(segment.Span);
        }

        return crc.GetCurrentHashAsUInt32();
    }
}
