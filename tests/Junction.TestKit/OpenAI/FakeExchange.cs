using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Junction.TestKit.OpenAI;

/// <summary>
/// One request in flight: its context, its scripted behavior, abort bookkeeping and the ways to answer it
/// (JSON body, OpenAI error, pause). Responders only talk to the wire through this and <see cref="FakeStreamWriter"/>.
/// </summary>
internal sealed class FakeExchange
{
    private readonly FakeRequestLog _log;
    private readonly CancellationToken _stopping;
    private readonly long _startTimestamp;
    private Utf8JsonWriter? _json;
    private volatile bool _selfAborted;

    public FakeExchange(
        HttpContext context, FakeOpenAIOptions options, FakeRequestLog log, RecordedRequest? recorded, long startTimestamp, CancellationToken stopping)
    {
        Context = context;
        Options = options;
        _log = log;
        Recorded = recorded;
        _startTimestamp = startTimestamp;
        _stopping = stopping;
    }

    public HttpContext Context { get; }

    public HttpResponse Response => Context.Response;

    public FakeOpenAIOptions Options { get; }

    public RecordedRequest? Recorded { get; }

    public FakeBehavior Behavior { get; set; } = FakeBehavior.Succeed();

    /// <summary>Cancelled when the client goes away (or when the fake itself aborts the connection).</summary>
    public CancellationToken Aborted => Context.RequestAborted;

    /// <summary>Called from the <see cref="HttpContext.RequestAborted"/> callback; counts only aborts the client caused.</summary>
    public void OnRequestAborted()
    {
        if (!_selfAborted && !_stopping.IsCancellationRequested)
        {
            _log.AddAbort(Recorded);
        }
    }

    /// <summary>Drops the connection on purpose (not counted as a client abort).</summary>
    public void Abort()
    {
        _selfAborted = true;
        Context.Abort();
    }

    /// <summary>
    /// Ends the connection mid-response, after everything flushed so far has reached the client. (An immediate
    /// <see cref="HttpContext.Abort"/> would drop flushed bytes still queued in Kestrel's transport.) Failing the
    /// handler after the response has started makes Kestrel close the connection without the final chunk.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void ResetAfterFlushed()
    {
        _selfAborted = true;
        throw new InvalidOperationException("Scripted connection reset (FakeBehavior.ResetMidStream).");
    }

    /// <summary>A JSON writer over <paramref name="output"/>, reused for the whole exchange.</summary>
    public Utf8JsonWriter Json(IBufferWriter<byte> output)
    {
        if (_json is null)
        {
            _json = new Utf8JsonWriter(output, FakeJson.WriterOptions);
        }
        else
        {
            _json.Reset(output);
        }

        return _json;
    }

    /// <summary>Status, content type, <c>x-request-id</c> and <c>openai-processing-ms</c>.</summary>
    public void SetHead(int status, string contentType)
    {
        Response.StatusCode = status;
        Response.ContentType = contentType;
        IHeaderDictionary headers = Response.Headers;
        headers["x-request-id"] = FakeIds.RequestId();
        long ms = (long)Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds;
        headers["openai-processing-ms"] = ms.ToString(CultureInfo.InvariantCulture);
        headers["openai-version"] = "2020-10-01";
    }

    /// <summary>Waits (<see cref="Timeout.InfiniteTimeSpan"/>: forever), ending early (with <see cref="OperationCanceledException"/>) on client abort or fake shutdown.</summary>
    public async Task PauseAsync(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero && delay != Timeout.InfiniteTimeSpan)
        {
            return;
        }

        using var both = CancellationTokenSource.CreateLinkedTokenSource(Aborted, _stopping);
        await Task.Delay(delay, both.Token);
    }

    /// <summary>Sends a successful JSON body, applying <c>SlowFirstByte</c>, <c>ResetMidStream</c> and <c>ErrorInStream</c>.</summary>
    public async Task SendJsonAsync(ReadOnlyMemory<byte> body)
    {
        if (Behavior.Kind == FakeBehaviorKind.ErrorInStream)
        {
            await SendErrorAsync(FakeApiError.ServerError);
            return;
        }

        SetHead(200, "application/json");
        Response.ContentLength = body.Length;
        PipeWriter pipe = Response.BodyWriter;
        if (Behavior.Kind == FakeBehaviorKind.SlowFirstByte)
        {
            await Response.StartAsync(Aborted);
            await pipe.FlushAsync(Aborted);
            await PauseAsync(Behavior.Wait);
        }

        if (Behavior.Kind == FakeBehaviorKind.ResetMidStream)
        {
            await pipe.WriteAsync(body[..(body.Length / 2)], Aborted);
            ResetAfterFlushed();
        }

        await pipe.WriteAsync(body, Aborted);
    }

    public async Task SendErrorAsync(FakeApiError error, IReadOnlyList<KeyValuePair<string, string>>? extraHeaders = null)
    {
        SetHead(error.Status, "application/json");
        if (extraHeaders is not null)
        {
            foreach (KeyValuePair<string, string> header in extraHeaders)
            {
                Response.Headers.Append(header.Key, header.Value);
            }
        }

        byte[] body = FakeJson.ErrorBytes(error);
        Response.ContentLength = body.Length;
        await Response.BodyWriter.WriteAsync(body, Aborted);
    }

    public async Task SendRawAsync(int status, string contentType, string body)
    {
        SetHead(status, contentType);
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(body);
        Response.ContentLength = bytes.Length;
        await Response.BodyWriter.WriteAsync(bytes, Aborted);
    }

    /// <summary>Parses the body; on malformed JSON answers 400 and returns null.</summary>
    public async Task<JsonDocument?> ParseBodyAsync(ReadOnlyMemory<byte> body)
    {
        try
        {
            JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        await SendErrorAsync(FakeApiError.InvalidJson);
        return null;
    }
}
