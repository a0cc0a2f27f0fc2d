using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Junction.Resilience;

namespace Junction.Streaming;

/// <summary>
/// Reads an OpenAI-style SSE body (<c>data: {json}</c> events ending with <c>data: [DONE]</c>) with the in-box
/// <see cref="SseParser"/>, which works on UTF-8 spans. An <c>{"error":{...}}</c> event, a broken connection, unparseable JSON, or an end without
/// <c>[DONE]</c> all become a <see cref="JunctionException"/> — a stream never just stops.
/// </summary>
public static class SseChunkReader
{
    private static ReadOnlySpan<byte> Done => "[DONE]"u8;

    public static async IAsyncEnumerable<T> ReadAsync<T>(
        Stream body,
        JsonTypeInfo<T> typeInfo,
        Func<T, JsonElement?> findError,
        Func<JsonElement, JunctionError> onError,
        Func<Exception, JunctionException> onBroken,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var parser = SseParser.Create(body, (_, data) => data.SequenceEqual(Done) ? null : JsonSerializer.Deserialize(data, typeInfo));
        var events = parser.EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var _ = events.ConfigureAwait(false);
        var sawDone = false;
        while (true)
        {
            T? chunk;
            try
            {
                if (!await events.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }

                chunk = events.Current.Data;
            }
            catch (JsonException ex)
            {
                throw onBroken(ex);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw onBroken(ex);
            }

            if (chunk is null)
            {
                sawDone = true;
                continue;
            }

            if (findError(chunk) is { } error)
            {
                throw new JunctionException(onError(error));
            }

            yield return chunk;
        }

        if (!sawDone)
        {
            throw onBroken(new IOException("The upstream stream ended without data: [DONE]."));
        }
    }
}
