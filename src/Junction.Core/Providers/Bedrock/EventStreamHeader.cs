using System.Globalization;

namespace Junction.Providers.Bedrock;

/// <summary>
/// One typed header of an AWS event-stream message. Create with the static factories; read the value with the
/// accessor matching <see cref="Type"/> (a mismatched accessor throws <see cref="InvalidOperationException"/>).
/// </summary>
internal sealed class EventStreamHeader
{
    private readonly long _number;
    private readonly string? _text;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly Guid _uuid;

    private EventStreamHeader(string name, EventStreamHeaderType type, long number = 0, string? text = null,
        ReadOnlyMemory<byte> bytes = default, Guid uuid = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Type = type;
        _number = number;
        _text = text;
        _bytes = bytes;
        _uuid = uuid;
    }

    public string Name { get; }

    public EventStreamHeaderType Type { get; }

    /// <summary>Value of a <see cref="EventStreamHeaderType.BoolTrue"/> / <see cref="EventStreamHeaderType.BoolFalse"/> header.</summary>
    public bool BoolValue => Type switch
    {
        EventStreamHeaderType.BoolTrue => true,
        EventStreamHeaderType.BoolFalse => false,
        _ => throw Mismatch("bool"),
    };

    /// <summary>Value of a byte (int8), int16, int32 or int64 header, widened to <see cref="long"/>.</summary>
    public long IntegerValue => Type is EventStreamHeaderType.Byte or EventStreamHeaderType.Int16
        or EventStreamHeaderType.Int32 or EventStreamHeaderType.Int64 ? _number : throw Mismatch("integer");

    public string StringValue => Type == EventStreamHeaderType.String ? _text! : throw Mismatch("string");

    public ReadOnlyMemory<byte> BytesValue => Type == EventStreamHeaderType.ByteArray ? _bytes : throw Mismatch("byte array");

    /// <summary>Raw timestamp value: milliseconds since the Unix epoch.</summary>
    public long TimestampMilliseconds => Type == EventStreamHeaderType.Timestamp ? _number : throw Mismatch("timestamp");

    public DateTimeOffset TimestampValue => DateTimeOffset.FromUnixTimeMilliseconds(TimestampMilliseconds);

    /// <summary>UUID value; the 16 wire bytes are in network (big-endian) order.</summary>
    public Guid UuidValue => Type == EventStreamHeaderType.Uuid ? _uuid : throw Mismatch("uuid");

    public static EventStreamHeader Bool(string name, bool value) =>
        new(name, value ? EventStreamHeaderType.BoolTrue : EventStreamHeaderType.BoolFalse);

    public static EventStreamHeader Byte(string name, sbyte value) => new(name, EventStreamHeaderType.Byte, value);

    public static EventStreamHeader Int16(string name, short value) => new(name, EventStreamHeaderType.Int16, value);

    public static EventStreamHeader Int32(string name, int value) => new(name, EventStreamHeaderType.Int32, value);

    public static EventStreamHeader Int64(string name, long value) => new(name, EventStreamHeaderType.Int64, value);

    /// <summary>A byte-array header; the memory is kept as given (not copied).</summary>
    public static EventStreamHeader Bytes(string name, ReadOnlyMemory<byte> value) =>
        new(name, EventStreamHeaderType.ByteArray, bytes: value);

    public static EventStreamHeader String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(name, EventStreamHeaderType.String, text: value);
    }

    public static EventStreamHeader Timestamp(string name, DateTimeOffset value) =>
        new(name, EventStreamHeaderType.Timestamp, value.ToUnixTimeMilliseconds());

    public static EventStreamHeader Timestamp(string name, long unixMilliseconds) =>
        new(name, EventStreamHeaderType.Timestamp, unixMilliseconds);

    public static EventStreamHeader Uuid(string name, Guid value) => new(name, EventStreamHeaderType.Uuid, uuid: value);

    public override string ToString() => Type switch
    {
        EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => $"{Name}: {(BoolValue ? "true" : "false")}",
        EventStreamHeaderType.String => $"{Name}: {_text}",
        EventStreamHeaderType.ByteArray => $"{Name}: <{_bytes.Length} bytes>",
        EventStreamHeaderType.Timestamp => $"{Name}: {TimestampValue.ToString("O", CultureInfo.InvariantCulture)}",
        EventStreamHeaderType.Uuid => $"{Name}: {_uuid}",
        _ => $"{Name}: {_number.ToString(CultureInfo.InvariantCulture)}",
    };

    private InvalidOperationException Mismatch(string wanted) =>
        new($"Event-stream header '{Name}' has type {Type}, not {wanted}.");
}
