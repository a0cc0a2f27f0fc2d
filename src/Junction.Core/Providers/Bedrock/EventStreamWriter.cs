using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Junction.Providers.Bedrock;

/// <summary>
/// Encodes AWS event-stream frames: Junction's Bedrock-native ConverseStream answers and fake upstreams in tests.
/// The frame is written in one contiguous span, so <c>GetSpan</c> is asked for the whole frame size.
/// </summary>
internal static class EventStreamWriter
{
    private static readonly EventStreamHeader JsonContentType =
        EventStreamHeader.String(EventStreamHeaderNames.ContentType, EventStreamHeaderNames.ApplicationJson);

    private static readonly EventStreamHeader EventMessageType =
        EventStreamHeader.String(EventStreamHeaderNames.MessageType, EventStreamHeaderNames.MessageTypeEvent);

    private static readonly EventStreamHeader ExceptionMessageType =
        EventStreamHeader.String(EventStreamHeaderNames.MessageType, EventStreamHeaderNames.MessageTypeException);

    private static readonly EventStreamHeader ErrorMessageType =
        EventStreamHeader.String(EventStreamHeaderNames.MessageType, EventStreamHeaderNames.MessageTypeError);

    public static void Write(IBufferWriter<byte> output, IReadOnlyList<EventStreamHeader> headers, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        var length = GetEncodedLength(headers, payload.Length);
        WriteFrame(output.GetSpan(length)[..length], headers, payload);
        output.Advance(length);
    }

    public static byte[] Encode(IReadOnlyList<EventStreamHeader> headers, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[GetEncodedLength(headers, payload.Length)];
        WriteFrame(frame, headers, payload);
        return frame;
    }

    /// <summary>A Bedrock event frame: <c>:event-type</c>, <c>:content-type: application/json</c>, <c>:message-type: event</c>.</summary>
    public static byte[] EncodeEvent(string eventType, ReadOnlySpan<byte> jsonPayload) => Encode(EventHeaders(eventType), jsonPayload);

    public static void WriteEvent(IBufferWriter<byte> output, string eventType, ReadOnlySpan<byte> jsonPayload) =>
        Write(output, EventHeaders(eventType), jsonPayload);

    /// <summary>A Bedrock exception frame: <c>:exception-type</c>, <c>:content-type: application/json</c>, <c>:message-type: exception</c>.</summary>
    public static byte[] EncodeException(string exceptionType, ReadOnlySpan<byte> jsonPayload) =>
        Encode(ExceptionHeaders(exceptionType), jsonPayload);

    public static void WriteException(IBufferWriter<byte> output, string exceptionType, ReadOnlySpan<byte> jsonPayload) =>
        Write(output, ExceptionHeaders(exceptionType), jsonPayload);

    /// <summary>A service error frame: <c>:message-type: error</c>, <c>:error-code</c>, <c>:error-message</c>, empty payload.</summary>
    public static byte[] EncodeError(string errorCode, string errorMessage) =>
        Encode([
            ErrorMessageType,
            EventStreamHeader.String(EventStreamHeaderNames.ErrorCode, errorCode),
            EventStreamHeader.String(EventStreamHeaderNames.ErrorMessage, errorMessage),
        ], []);

    public static int GetEncodedLength(IReadOnlyList<EventStreamHeader> headers, int payloadLength)
    {
        ArgumentNullException.ThrowIfNull(headers);
        long headersLength = 0;
        foreach (var header in headers)
        {
            headersLength += GetEncodedLength(header);
        }

        if (headersLength > EventStreamReader.MaxHeadersLength)
        {
            throw new ArgumentException($"Event-stream headers take {headersLength} bytes; the limit is {EventStreamReader.MaxHeadersLength}.", nameof(headers));
        }

        var total = EventStreamReader.MinMessageLength + headersLength + payloadLength;
        return total <= EventStreamReader.MaxMessageLength
            ? (int)total
            : throw new ArgumentException($"Event-stream message would be {total} bytes; the limit is {EventStreamReader.MaxMessageLength}.", nameof(payloadLength));
    }

    private static EventStreamHeader[] EventHeaders(string eventType) =>
        [EventStreamHeader.String(EventStreamHeaderNames.EventType, eventType), JsonContentType, EventMessageType];

    private static EventStreamHeader[] ExceptionHeaders(string exceptionType) =>
        [EventStreamHeader.String(EventStreamHeaderNames.ExceptionType, exceptionType), JsonContentType, ExceptionMessageType];

    private static int GetEncodedLength(EventStreamHeader header)
    {
        var nameLength = Encoding.UTF8.GetByteCount(header.Name);
        if (nameLength > byte.MaxValue)
        {
            throw new ArgumentException($"Event-stream header name '{header.Name}' is longer than 255 UTF-8 bytes.", nameof(header));
        }

        var valueLength = header.Type switch
        {
            EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => 0,
            EventStreamHeaderType.Byte => 1,
            EventStreamHeaderType.Int16 => 2,
            EventStreamHeaderType.Int32 => 4,
            EventStreamHeaderType.Int64 or EventStreamHeaderType.Timestamp => 8,
            EventStreamHeaderType.ByteArray => 2 + CheckLength(header, header.BytesValue.Length),
            EventStreamHeaderType.String => 2 + CheckLength(header, Encoding.UTF8.GetByteCount(header.StringValue)),
            EventStreamHeaderType.Uuid => 16,
            _ => throw new ArgumentException($"Unknown event-stream header type {header.Type}.", nameof(header)),
        };
        return 1 + nameLength + 1 + valueLength;
    }

    private static int CheckLength(EventStreamHeader header, int length) => length <= ushort.MaxValue
        ? length
        : throw new ArgumentException($"Event-stream header '{header.Name}' value is longer than 65535 bytes.", nameof(header));

    private static void WriteFrame(Span<byte> frame, IReadOnlyList<EventStreamHeader> headers, ReadOnlySpan<byte> payload)
    {
        var headersLength = frame.Length - EventStreamReader.MinMessageLength - payload.Length;
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame[4..], (uint)headersLength);
        BinaryPrimitives.WriteUInt32BigEndian(frame[8..], Crc32.HashToUInt32(frame[..8]));

        var position = EventStreamReader.PreludeLength;
        foreach (var header in headers)
        {
            position += WriteHeader(frame[position..], header);
        }

        payload.CopyTo(frame[position..]);
        var crcOffset = frame.Length - 4;
        BinaryPrimitives.WriteUInt32BigEndian(frame[crcOffset..], Crc32.HashToUInt32(frame[..crcOffset]));
    }

    private static int WriteHeader(Span<byte> destination, EventStreamHeader header)
    {
        var nameLength = Encoding.UTF8.GetBytes(header.Name, destination[1..]);
        destination[0] = (byte)nameLength;
        destination[1 + nameLength] = (byte)header.Type;
        var value = destination[(2 + nameLength)..];
        int valueLength;
        switch (header.Type)
        {
            case EventStreamHeaderType.Byte:
                value[0] = (byte)(sbyte)header.IntegerValue;
                valueLength = 1;
                break;
            case EventStreamHeaderType.Int16:
                BinaryPrimitives.WriteInt16BigEndian(value, (short)header.IntegerValue);
                valueLength = 2;
                break;
            case EventStreamHeaderType.Int32:
                BinaryPrimitives.WriteInt32BigEndian(value, (int)header.IntegerValue);
                valueLength = 4;
                break;
            case EventStreamHeaderType.Int64:
                BinaryPrimitives.WriteInt64BigEndian(value, header.IntegerValue);
                valueLength = 8;
                break;
            case EventStreamHeaderType.Timestamp:
                BinaryPrimitives.WriteInt64BigEndian(value, header.TimestampMilliseconds);
                valueLength = 8;
                break;
            case EventStreamHeaderType.ByteArray:
                valueLength = WritePrefixed(value, header.BytesValue.Span);
                break;
            case EventStreamHeaderType.String:
                valueLength = WritePrefixed(value, header.StringValue);
                break;
            case EventStreamHeaderType.Uuid:
                header.UuidValue.TryWriteBytes(value, bigEndian: true, out valueLength);
                break;
            default: // BoolTrue / BoolFalse carry no value bytes.
                valueLength = 0;
                break;
        }

        return 2 + nameLength + valueLength;
    }

    private static int WritePrefixed(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)value.Length);
        value.CopyTo(destination[2..]);
        return 2 + value.Length;
    }

    private static int WritePrefixed(Span<byte> destination, string value)
    {
        var length = Encoding.UTF8.GetBytes(value, destination[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)length);
        return 2 + length;
    }
}
