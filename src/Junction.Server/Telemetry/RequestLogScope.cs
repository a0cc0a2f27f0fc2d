using System.Collections;

namespace Junction.Server.Telemetry;

/// <summary>
/// The logging scope the middleware opens around each request, so every line logged while it runs (the request line,
/// attempt failures, fallbacks, observer errors) carries <c>request_id</c> and <c>trace_id</c>; the JSON console
/// writes them under <c>Scopes</c>.
/// </summary>
internal sealed class RequestLogScope(string requestId, string traceId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string RequestIdKey = "request_id";
    public const string TraceIdKey = "trace_id";

    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(RequestIdKey, requestId),
        1 => new(TraceIdKey, traceId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{RequestIdKey}={requestId} {TraceIdKey}={traceId}";
}
