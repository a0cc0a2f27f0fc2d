using System.Text.Json;

namespace Junction.TestKit.OpenAI;

/// <summary>
/// The <c>chat.completion.chunk</c> stream: per choice a role chunk, then one chunk per word piece (or tool-call
/// fragments: a head with id/type/name and <c>arguments:""</c>, then argument text), then a finish chunk with an
/// empty delta; with <c>include_usage</c> every chunk carries <c>"usage":null</c> and a last
/// <c>{"choices":[],"usage":{...}}</c> chunk follows; then <c>data: [DONE]</c>.
/// </summary>
internal static class FakeChatStreamer
{
    public static async Task StreamAsync(FakeExchange exchange, FakeChatRequest request, FakeChatReply reply, string id, long created)
    {
        if (exchange.Options.IgnoreIncludeUsage)
        {
            request = request.WithoutUsage();
        }

        var stream = new FakeStreamWriter(exchange);
        if (!await stream.StartAsync())
        {
            return;
        }

        var chunk = new ChunkHead(request, id, created);
        for (int index = 0; index < request.N; index++)
        {
            Utf8JsonWriter json = chunk.Begin(stream, index);
            json.WriteString("role"u8, "assistant"u8);
            FakeJson.WriteNullableString(json, "content"u8, reply.Text is null ? null : "");
            json.WriteNull("refusal"u8);
            if (!await chunk.EndAsync(stream, json, null, null))
            {
                return;
            }
        }

        bool more = reply.Text is { } text
            ? await StreamTextAsync(stream, chunk, request, text)
            : await StreamToolCallsAsync(stream, chunk, request, reply.ToolCalls);
        if (!more)
        {
            return;
        }

        for (int index = 0; index < request.N; index++)
        {
            Utf8JsonWriter json = chunk.Begin(stream, index);
            if (!await chunk.EndAsync(stream, json, reply.FinishReason, null))
            {
                return;
            }
        }

        if (request.IncludeUsage)
        {
            Utf8JsonWriter json = stream.BeginEvent();
            chunk.WriteHead(json);
            json.WriteStartArray("choices"u8);
            json.WriteEndArray();
            FakeJson.WriteChatUsage(json, request.PromptTokens, reply.CompletionTokensPerChoice * request.N);
            json.WriteEndObject();
            if (!await stream.EndEventAsync(json))
            {
                return;
            }
        }

        await stream.CompleteAsync();
    }

    private static async Task<bool> StreamTextAsync(FakeStreamWriter stream, ChunkHead chunk, FakeChatRequest request, string text)
    {
        int position = 0;
        for (int start = 0, end; start < text.Length; start = end, position++)
        {
            end = FakeText.PieceEnd(text, start);
            for (int index = 0; index < request.N; index++)
            {
                Utf8JsonWriter json = chunk.Begin(stream, index);
                json.WriteString("content"u8, text.AsSpan(start, end - start));
                if (!await chunk.EndAsync(stream, json, null, request.Logprobs ? (text, start, end, position) : null))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static async Task<bool> StreamToolCallsAsync(
        FakeStreamWriter stream, ChunkHead chunk, FakeChatRequest request, IReadOnlyList<FakeToolCall> calls)
    {
        for (int callIndex = 0; callIndex < calls.Count; callIndex++)
        {
            FakeToolCall call = calls[callIndex];
            for (int index = 0; index < request.N; index++)
            {
                Utf8JsonWriter json = chunk.Begin(stream, index);
                json.WriteStartArray("tool_calls"u8);
                json.WriteStartObject();
                json.WriteNumber("index"u8, callIndex);
                json.WriteString("id"u8, call.Id);
                json.WriteString("type"u8, "function"u8);
                json.WriteStartObject("function"u8);
                json.WriteString("name"u8, call.Name);
                json.WriteString("arguments"u8, ""u8);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                if (!await chunk.EndAsync(stream, json, null, null))
                {
                    return false;
                }
            }

            string arguments = call.Arguments;
            for (int start = 0; start < arguments.Length;)
            {
                int end = Math.Min(arguments.Length, start + FakeChatReply.ArgumentFragmentLength);
                if (end < arguments.Length && char.IsHighSurrogate(arguments[end - 1]))
                {
                    end++;
                }

                for (int index = 0; index < request.N; index++)
                {
                    Utf8JsonWriter json = chunk.Begin(stream, index);
                    json.WriteStartArray("tool_calls"u8);
                    json.WriteStartObject();
                    json.WriteNumber("index"u8, callIndex);
                    json.WriteStartObject("function"u8);
                    json.WriteString("arguments"u8, arguments.AsSpan(start, end - start));
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndArray();
                    if (!await chunk.EndAsync(stream, json, null, null))
                    {
                        return false;
                    }
                }

                start = end;
            }
        }

        return true;
    }

    /// <summary>The fields every chunk of one response shares, and the open/close of a one-choice chunk.</summary>
    private sealed class ChunkHead(FakeChatRequest request, string id, long created)
    {
        public void WriteHead(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("id"u8, id);
            json.WriteString("object"u8, "chat.completion.chunk"u8);
            json.WriteNumber("created"u8, created);
            json.WriteString("model"u8, request.Model);
            json.WriteString("service_tier"u8, "default"u8);
            json.WriteString("system_fingerprint"u8, "fp_fake"u8);
        }

        /// <summary>Opens a chunk up to the inside of <c>choices[0].delta</c>.</summary>
        public Utf8JsonWriter Begin(FakeStreamWriter stream, int index)
        {
            Utf8JsonWriter json = stream.BeginEvent();
            WriteHead(json);
            json.WriteStartArray("choices"u8);
            json.WriteStartObject();
            json.WriteNumber("index"u8, index);
            json.WriteStartObject("delta"u8);
            return json;
        }

        /// <summary>Closes the delta, writes logprobs and finish_reason, closes the chunk and sends it.</summary>
        public ValueTask<bool> EndAsync(
            FakeStreamWriter stream, Utf8JsonWriter json, string? finishReason, (string Text, int Start, int End, int Position)? token)
        {
            json.WriteEndObject();
            if (token is { } t)
            {
                json.WriteStartObject("logprobs"u8);
                json.WriteStartArray("content"u8);
                FakeChatResponder.WriteTokenLogprob(json, t.Text, t.Start, t.End, t.Position);
                json.WriteEndArray();
                json.WriteNull("refusal"u8);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("logprobs"u8);
            }

            FakeJson.WriteNullableString(json, "finish_reason"u8, finishReason);
            json.WriteEndObject();
            json.WriteEndArray();
            if (request.IncludeUsage)
            {
                json.WriteNull("usage"u8);
            }

            json.WriteEndObject();
            return stream.EndEventAsync(json);
        }
    }
}
