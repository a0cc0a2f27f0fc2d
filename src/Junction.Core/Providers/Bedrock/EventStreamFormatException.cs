namespace Junction.Providers.Bedrock;

/// <summary>An AWS event-stream frame failed a framing, length, CRC or header check; the stream cannot be trusted.</summary>
internal sealed class EventStreamFormatException : FormatException
{
    public EventStreamFormatException()
        : base("Invalid AWS event-stream message.")
    {
    }

    public EventStreamFormatException(string message)
        : base(message)
    {
    }

    public EventStreamFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
