namespace Junction.Providers.Bedrock;

/// <summary>One decoded AWS event-stream message: ordered headers and an owned copy of the payload.</summary>
internal sealed class EventStreamMessage
{
    public EventStreamMessage(IReadOnlyList<EventStreamHeader> headers, ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Headers = headers;
        Payload = payload;
    }

    /// <summary>Headers in wire order; a name may in principle repeat, lookups take the first.</summary>
    public IReadOnlyList<EventStreamHeader> Headers { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary><c>:message-type</c>: <c>event</c>, <c>exception</c> or <c>error</c>.</summary>
    public string? MessageType => GetString(EventStreamHeaderNames.MessageType);

    public string? EventType => GetString(EventStreamHeaderNames.EventType);

    public string? ExceptionType => GetString(EventStreamHeaderNames.ExceptionType);

    public string? ErrorCode => GetString(EventStreamHeaderNames.ErrorCode);

    public string? ErrorMessage => GetString(EventStreamHeaderNames.ErrorMessage);

    /// <summary>The first header with this exact name, or null.</summary>
    public EventStreamHeader? GetHeader(string name)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Name, name, StringComparison.Ordinal))
            {
                return header;
            }
        }

        return null;
    }

    /// <summary>The value of the first header with this name when it is a string header; otherwise null.</summary>
    public string? GetString(string name) =>
        GetHeader(name) is { Type: EventStreamHeaderType.String } header ? header.StringValue : null;

    public override string ToString() =>
        $"EventStreamMessage {{ {string.Join(", ", Headers)}; payload {Payload.Length} bytes }}";
}
