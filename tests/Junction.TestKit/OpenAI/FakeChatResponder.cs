using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Junction.TestKit.OpenAI;

/// <summary><c>POST /v1/chat/completions</c>: the <c>chat.completion</c> object, or the chunk stream via <see cref="FakeChatStreamer"/>.</summary>
internal static class FakeChatResponder
{
    public static async Task RespondAsync(FakeExchange exchange, ReadOnlyMemory<byte> body)
    {
        using JsonDocument? document = await exchange.ParseBodyAsync(body);
        if (document is null)
        {
            return;
        }

        if (FakeChatRequest.Parse(document.RootElement, out FakeApiError error) is not { } request)
        {
            await exchange.SendErrorAsync(error);
            return;
        }

        FakeChatReply reply = FakeChatReply.For(request, exchange.Options);
        string id = FakeIds.ChatCompletionId();
        long created = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        if (request.Stream)
        {
            await FakeChatStreamer.StreamAsync(exchange, request, reply, id, created);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        Utf8JsonWriter json = exchange.Json(buffer);
        WriteCompletion(json, request, reply, id, created);
        json.Flush();
        await exchange.SendJsonAsync(buffer.WrittenMemory);
    }

    /// <summary>One <c>ChatCompletionTokenLogprob</c> for the piece <c>text[start..end]</c>, the <paramref name="position"/>-th token.</summary>
    public static void WriteTokenLogprob(Utf8JsonWriter json, string text, int start, int end, int position)
    {
        ReadOnlySpan<char> token = text.AsSpan(start, end - start);
        json.WriteStartObject();
        json.WriteString("token"u8, token);
        json.WriteNumber("logprob"u8, -(position % 8 + 1) / 64.0);
        json.WriteStartArray("bytes"u8);
        Span<byte> utf8 = token.Length <= 128 ? stackalloc byte[token.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(token.Length)];
        int count = Encoding.UTF8.GetBytes(token, utf8);
        foreach (byte b in utf8[..count])
        {
            json.WriteNumberValue(b);
        }

        json.WriteEndArray();
        json.WriteStartArray("top_logprobs"u8);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteToolCall(Utf8JsonWriter json, FakeToolCall call)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, call.Id);
        json.WriteString("type"u8, "function"u8);
        json.WriteStartObject("function"u8);
        json.WriteString("name"u8, call.Name);
        json.WriteString("arguments"u8, call.Arguments);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteCompletion(Utf8JsonWriter json, FakeChatRequest request, FakeChatReply reply, string id, long created)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, id);
        json.WriteString("object"u8, "chat.completion"u8);
        json.WriteNumber("created"u8, created);
        json.WriteString("model"u8, request.Model);
        json.WriteStartArray("choices"u8);
        for (int index = 0; index < request.N; index++)
        {
            json.WriteStartObject();
            json.WriteNumber("index"u8, index);
            WriteMessage(json, reply);
            WriteLogprobs(json, request, reply);
            json.WriteString("finish_reason"u8, reply.FinishReason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        FakeJson.WriteChatUsage(json, request.PromptTokens, reply.CompletionTokensPerChoice * request.N);
        json.WriteString("service_tier"u8, "default"u8);
        json.WriteString("system_fingerprint"u8, "fp_fake"u8);
        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, FakeChatReply reply)
    {
        json.WriteStartObject("message"u8);
        json.WriteString("role"u8, "assistant"u8);
        FakeJson.WriteNullableString(json, "content"u8, reply.Text);
        json.WriteNull("refusal"u8);
        if (reply.ToolCalls.Count > 0)
        {
            json.WriteStartArray("tool_calls"u8);
            foreach (FakeToolCall call in reply.ToolCalls)
            {
                WriteToolCall(json, call);
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("annotations"u8);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteLogprobs(Utf8JsonWriter json, FakeChatRequest request, FakeChatReply reply)
    {
        if (!request.Logprobs || reply.Text is not { } text)
        {
            json.WriteNull("logprobs"u8);
            return;
        }

        json.WriteStartObject("logprobs"u8);
        json.WriteStartArray("content"u8);
        int position = 0;
        for (int start = 0, end; start < text.Length; start = end, position++)
        {
            end = FakeText.PieceEnd(text, start);
            WriteTokenLogprob(json, text, start, end, position);
        }

        json.WriteEndArray();
        json.WriteNull("refusal"u8);
        json.WriteEndObject();
    }
}
