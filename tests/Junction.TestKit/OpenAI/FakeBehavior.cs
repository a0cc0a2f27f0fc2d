using System.Globalization;

namespace Junction.TestKit.OpenAI;

/// <summary>
/// One scripted reaction of a <see cref="FakeOpenAIUpstream"/> to one request. Queue them with
/// <see cref="FakeOpenAIUpstream.Enqueue"/>; each request consumes the next one (FIFO, across all endpoints).
/// </summary>
public sealed class FakeBehavior
{
    private static readonly FakeBehavior _succeed = new(FakeBehaviorKind.Succeed);

    private FakeBehavior(FakeBehaviorKind kind) => Kind = kind;

    internal FakeBehaviorKind Kind { get; }

    internal int Status { get; private init; } = 200;

    internal string ErrorType { get; private init; } = "";

    internal string? ErrorCode { get; private init; }

    internal string? ErrorParam { get; private init; }

    internal string Message { get; private init; } = "";

    internal string ContentType { get; private init; } = "application/json";

    internal IReadOnlyList<KeyValuePair<string, string>> Headers { get; private init; } = [];

    internal TimeSpan Wait { get; private init; }

    internal int AfterChunks { get; private init; }

    /// <summary>Answer normally (the default when the queue is empty); useful between failures.</summary>
    public static FakeBehavior Succeed() => _succeed;

    /// <summary>An OpenAI-shaped error: <c>{"error":{"message","type","param","code"}}</c> with extra response headers.</summary>
    public static FakeBehavior Error(
        int status, string type, string? code, string message, string? param = null, IDictionary<string, string>? headers = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(message);
        return new FakeBehavior(FakeBehaviorKind.Error)
        {
            Status = status,
            ErrorType = type,
            ErrorCode = code,
            Message = message,
            ErrorParam = param,
            Headers = headers is null ? [] : [.. headers],
        };
    }

    /// <summary>A 429 <c>rate_limit_exceeded</c> with <c>retry-after</c> (whole seconds, rounded up) and <c>retry-after-ms</c>.</summary>
    public static FakeBehavior RateLimited(TimeSpan retryAfter)
    {
        long ms = (long)Math.Ceiling(retryAfter.TotalMilliseconds);
        long seconds = (ms + 999) / 1000;
        return Error(
            429,
            "requests",
            "rate_limit_exceeded",
            string.Create(CultureInfo.InvariantCulture, $"Rate limit reached for requests. Please try again in {ms}ms."),
            headers: new Dictionary<string, string>
            {
                ["retry-after"] = seconds.ToString(CultureInfo.InvariantCulture),
                ["retry-after-ms"] = ms.ToString(CultureInfo.InvariantCulture),
            });
    }

    /// <summary>A status with a body sent as is (Azure-shaped JSON, an HTML 502 page, ...).</summary>
    public static FakeBehavior RawError(int status, string body, string contentType = "application/json")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(contentType);
        return new FakeBehavior(FakeBehaviorKind.RawError) { Status = status, Message = body, ContentType = contentType };
    }

    /// <summary>Never answers (no status line) until the client aborts or the fake is disposed.</summary>
    public static FakeBehavior Hang() => new(FakeBehaviorKind.Hang);

    /// <summary>Waits, then answers normally; nothing (not even headers) is sent before the delay ends.</summary>
    public static FakeBehavior Delay(TimeSpan delay) => new(FakeBehaviorKind.Delay) { Wait = CheckDelay(delay) };

    /// <summary>Sends the status line and headers at once, then waits before the first body byte.</summary>
    public static FakeBehavior SlowFirstByte(TimeSpan delay) => new(FakeBehaviorKind.SlowFirstByte) { Wait = CheckDelay(delay) };

    /// <summary>
    /// Streams <paramref name="afterChunks"/> <c>data:</c> events, flushes, then aborts the connection.
    /// A non-streaming request gets its headers and the first half of its body, then the abort.
    /// </summary>
    public static FakeBehavior ResetMidStream(int afterChunks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterChunks);
        return new FakeBehavior(FakeBehaviorKind.ResetMidStream) { AfterChunks = afterChunks };
    }

    /// <summary>Aborts the connection before anything is sent.</summary>
    public static FakeBehavior ResetBeforeResponse() => new(FakeBehaviorKind.ResetBeforeResponse);

    /// <summary>An HTML page (<c>text/html</c>) where JSON or SSE is expected.</summary>
    public static FakeBehavior Garbage(int status = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        return new FakeBehavior(FakeBehaviorKind.Garbage) { Status = status };
    }

    /// <summary>
    /// Streams <paramref name="afterChunks"/> events, then <c>data: {"error":{...,"type":"server_error"}}</c> and
    /// ends the response without <c>[DONE]</c>. A non-streaming request gets a 500 <c>server_error</c> instead.
    /// </summary>
    public static FakeBehavior ErrorInStream(int afterChunks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterChunks);
        return new FakeBehavior(FakeBehaviorKind.ErrorInStream) { AfterChunks = afterChunks };
    }

    public override string ToString() => Kind switch
    {
        FakeBehaviorKind.Error => string.Create(CultureInfo.InvariantCulture, $"Error({Status}, {ErrorType}, {ErrorCode})"),
        FakeBehaviorKind.RawError or FakeBehaviorKind.Garbage => string.Create(CultureInfo.InvariantCulture, $"{Kind}({Status})"),
        FakeBehaviorKind.Delay or FakeBehaviorKind.SlowFirstByte => $"{Kind}({Wait})",
        FakeBehaviorKind.ResetMidStream or FakeBehaviorKind.ErrorInStream =>
            string.Create(CultureInfo.InvariantCulture, $"{Kind}({AfterChunks})"),
        _ => Kind.ToString(),
    };

    private static TimeSpan CheckDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return delay;
    }
}
