using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Junction.Protocol.OpenAI;
using Junction.Resilience;
using Junction.Routing;
using Junction.Server.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.Server.Endpoints;

/// <summary>
/// Writes a routed stream to the client as OpenAI SSE: one <c>data: {json}\n\n</c> event per chunk, flushed as
/// it arrives, then <c>data: [DONE]\n\n</c>. A failure after the commit point becomes a final
/// <c>data: {"error":{...}}</c> event and the stream ends (no <c>[DONE]</c>, so clients see it as failed).
/// The headers went out before the usage was known, so the cost comes as an SSE comment just before <c>[DONE]</c>
/// (<c>: x-junction-cost=0.000123; x-junction-usage=prompt=12;completion=34;cached=0</c>); every SSE client ignores comments.
/// </summary>
internal static class SseWriter
{
    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;
    private static ReadOnlySpan<byte> DoneEvent => "data: [DONE]\n\n"u8;

    /// <summary>Writes the stream; returns the error that ended it after the commit point, or null when it completed.</summary>
    /// <param name="http">The response to write to.</param>
    /// <param name="stream">The routed stream, past its first chunk.</param>
    /// <param name="context">The request's context (for headers).</param>
    /// <param name="typeInfo">How to serialize a chunk.</param>
    /// <param name="onChunk">Sees each chunk after it is written (used to assemble the answer for shadow and recording).</param>
    public static async Task<JunctionError?> WriteAsync<T>(HttpContext http, RoutedStream<T> stream, RequestContext context, JsonTypeInfo<T> typeInfo,
        Action<T>? onChunk = null)
        where T : class
    {
        await using var _ = stream;
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        ResponseHeaders.Stamp(response, context);
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var cancellationToken = http.RequestAborted;
        var writer = response.BodyWriter;
        await using var json = new Utf8JsonWriter(writer, new JsonWriterOptions { SkipValidation = true, Encoder = OpenAIJsonContext.Wire.Options.Encoder });
        try
        {
            await foreach (var chunk in stream.ReadAllAsync(cancellationToken))
            {
                WriteEvent(writer, json, chunk, typeInfo);
                await writer.FlushAsync(cancellationToken);
                onChunk?.Invoke(chunk);
            }
        }
        catch (JunctionException ex)
        {
            WriteEvent(writer, json, ErrorWriter.ToBody(ex.Error), OpenAIJsonContext.Wire.ErrorResponse);
            await writer.FlushAsync(cancellationToken);
            return ex.Error;
        }

        WriteCostComment(writer, context);
        writer.Write(DoneEvent);
        await writer.FlushAsync(cancellationToken);
        return null;
    }

    private static void WriteCostComment(PipeWriter writer, RequestContext context)
    {
        var cost = ResponseHeaders.Cost(context) ?? (context.CostUnpriced ? "unpriced" : null);
        var usage = ResponseHeaders.Usage(context);
        if (cost is null && usage is null)
        {
            return;
        }

        var comment = ": " + (cost is null ? "" : ResponseHeaders.CostHeader + "=" + cost + (usage is null ? "" : "; "))
            + (usage is null ? "" : ResponseHeaders.UsageHeader + "=" + usage) + "\n\n";
        writer.Write(System.Text.Encoding.UTF8.GetBytes(comment));
    }

    private static void WriteEvent<TValue>(PipeWriter writer, Utf8JsonWriter json, TValue value, JsonTypeInfo<TValue> typeInfo)
    {
        writer.Write(DataPrefix);
        json.Reset(writer);
        JsonSerializer.Serialize(json, value, typeInfo);
        json.Flush();
        writer.Write(EventEnd);
    }
}
