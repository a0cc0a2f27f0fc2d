namespace Junction.Providers.Bedrock;

/// <summary>Value type tag of an AWS event-stream header (PROTOCOLS.md 3.7).</summary>
internal enum EventStreamHeaderType : byte
{
    BoolTrue = 0,
    BoolFalse = 1,
    Byte = 2,
    Int16 = 3,
    Int32 = 4,
    Int64 = 5,
    ByteArray = 6,
    String = 7,
    Timestamp = 8,
    Uuid = 9,
}
