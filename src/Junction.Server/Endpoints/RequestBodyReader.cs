using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Junction.Resilience;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.Server.Endpoints;

/// <summary>
/// Reads a JSON request body into its wire type. Malformed JSON and wrong field types become 400s that name
/// the field (from the serializer's JSON path); an over-limit body becomes a 413.
/// </summary>
internal static class RequestBodyReader
{
    private const string ParseHint =
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
        "The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";

    public static async Task<T> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var request = http.Request;
        var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (request.ContentLength is { } length && limit?.MaxRequestBodySize is { } max && length > max)
        {
            await DrainAsync(http, limit, length, max);
            throw new JunctionException(JunctionErrors.PayloadTooLarge(max));
        }

        // Buffer the whole body in the pipe (bounded by Kestrel's MaxRequestBodySize), then parse it in one synchronous
        // pass: cheaper than the resumable stream deserializer for the small bodies chat requests have.
        var reader = request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await reader.ReadAsync(http.RequestAborted);
            if (read.IsCompleted || read.IsCanceled)
            {
                break;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        try
        {
            return Parse(read.Buffer, typeInfo)
                ?? throw new JunctionException(JunctionErrors.InvalidRequest("The request body must be a JSON object, not null."));
        }
        catch (JsonException ex)
        {
            throw new JunctionException(Describe(ex), ex);
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
    }

    private static T? Parse<T>(ReadOnlySequence<byte> body, JsonTypeInfo<T> typeInfo)
    {
        var json = new Utf8JsonReader(body);
        return JsonSerializer.Deserialize(ref json, typeInfo);
    }

    /// <summary>
    /// Reads and discards an over-limit body of moderate size before answering 413, so that clients which are
    /// still sending (most SDKs) receive the answer instead of a connection reset. Larger bodies are refused
    /// at once and the connection is closed.
    /// </summary>
    private static async Task DrainAsync(HttpContext http, IHttpMaxRequestBodySizeFeature limit, long length, long max)
    {
        if (length > Math.Min(max * 4, 256L * 1024 * 1024) || limit.IsReadOnly)
        {
            http.Response.Headers.Connection = "close";
            return;
        }

        limit.MaxRequestBodySize = length;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await http.Request.Body.ReadAsync(buffer, http.RequestAborted) > 0)
            {
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A message a person can act on, naming the offending field.</summary>
    internal static JunctionError Describe(JsonException ex)
    {
        var path = ToParam(ex.Path);
        var typeError = ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) ||
            ex.InnerException is InvalidOperationException or FormatException;
        if (path is null || (ex.InnerException is not null && !typeError))
        {
            return JunctionErrors.InvalidRequest(ParseHint);
        }

        var message = typeError
            ? $"Invalid type for '{path}': {ExpectedType(ex.Message)}."
            : $"Invalid value for '{path}': {FirstSentence(ex.Message)}.";
        return JunctionErrors.InvalidRequest(message, path, "invalid_type");
    }

    /// <summary><c>$.messages[0].content</c> becomes <c>messages[0].content</c>; the root is null.</summary>
    internal static string? ToParam(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? null : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;

    private static string ExpectedType(string message)
    {
        var type = message.AsSpan();
        return type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) ? "expected an integer"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) ? "expected a number"
            : type.Contains("Boolean", StringComparison.Ordinal) ? "expected a boolean"
            : type.Contains("String", StringComparison.Ordinal) ? "expected a string"
            : type.Contains("List", StringComparison.Ordinal) ? "expected an array"
            : "expected an object or a value of another type";
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        var sentence = end >= 0 ? message[..end] : message;
        return sentence.TrimEnd('.');
    }
}
