namespace Junction.TestKit.Bedrock;

/// <summary>A scripted answer for the next request: an HTTP error in Bedrock's shape, or a ConverseStream that fails mid-stream.</summary>
public sealed record FakeBedrockBehavior
{
    public int Status { get; init; } = 200;

    /// <summary>The exception name sent in <c>x-amzn-ErrorType</c> (HTTP errors) or <c>:exception-type</c> (stream frames).</summary>
    public string? ErrorType { get; init; }

    public string Message { get; init; } = "";

    /// <summary>Extra response headers (e.g. <c>Retry-After</c>).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>For ConverseStream: send this many text deltas, then an exception frame of <see cref="ErrorType"/>.</summary>
    public int? StreamExceptionAfterDeltas { get; init; }

    public static FakeBedrockBehavior Error(int status, string errorType, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new() { Status = status, ErrorType = errorType, Message = message, Headers = headers };

    public static FakeBedrockBehavior Throttling(int? retryAfterSeconds = null) => Error(429, "ThrottlingException",
        "Too many requests, please wait before trying again.",
        retryAfterSeconds is { } s ? new Dictionary<string, string> { ["Retry-After"] = s.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null);

    public static FakeBedrockBehavior InputTooLong() => Error(400, "ValidationException", "Input is too long for requested model.");

    public static FakeBedrockBehavior ModelNotReady() => Error(429, "ModelNotReadyException", "Model is not ready for inference. Wait and try your request again.");

    public static FakeBedrockBehavior StreamException(int afterDeltas, string exceptionType = "throttlingException",
        string message = "Too many tokens, please wait before trying again.") =>
        new() { ErrorType = exceptionType, Message = message, StreamExceptionAfterDeltas = afterDeltas };
}
