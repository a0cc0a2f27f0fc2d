namespace Junction.Providers.Bedrock;

/// <summary>Header names and values Bedrock uses on event-stream frames.</summary>
internal static class EventStreamHeaderNames
{
    public const string MessageType = ":message-type";
    public const string EventType = ":event-type";
    public const string ExceptionType = ":exception-type";
    public const string ContentType = ":content-type";
    public const string ErrorCode = ":error-code";
    public const string ErrorMessage = ":error-message";

    public const string MessageTypeEvent = "event";
    public const string MessageTypeException = "exception";
    public const string MessageTypeError = "error";
    public const string ApplicationJson = "application/json";
}
