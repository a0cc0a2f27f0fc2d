using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace Junction.TestKit.OpenAI;

/// <summary>One request as the fake received it: method, path with query, every header and the raw body.</summary>
public sealed class RecordedRequest
{
    private JsonElement? _bodyJson;
    private volatile bool _aborted;

    internal RecordedRequest(string method, string path, IReadOnlyDictionary<string, StringValues> headers, ReadOnlyMemory<byte> body)
    {
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
    }

    /// <summary>The HTTP method, e.g. <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>The path including the query string, e.g. <c>/v1/chat/completions?api-version=1</c>.</summary>
    public string Path { get; }

    /// <summary>All request headers; lookup ignores case.</summary>
    public IReadOnlyDictionary<string, StringValues> Headers { get; }

    /// <summary>The raw request body (empty when there was none).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>The body parsed as JSON (parsed once, then cached). Throws <see cref="JsonException"/> when it is not JSON.</summary>
    public JsonElement BodyJson
    {
        get
        {
            if (_bodyJson is { } cached)
            {
                return cached;
            }

            using JsonDocument document = JsonDocument.Parse(Body);
            JsonElement root = document.RootElement.Clone();
            _bodyJson = root;
            return root;
        }
    }

    /// <summary>True once the fake saw the client abort this request while it was in flight.</summary>
    public bool WasAborted => _aborted;

    /// <summary>The header's values joined with <c>", "</c>, or null when absent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out StringValues values) ? values.ToString() : null;

    public override string ToString() => $"{Method} {Path}";

    internal void MarkAborted() => _aborted = true;
}
