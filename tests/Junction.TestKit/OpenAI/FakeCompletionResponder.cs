using System.Buffers;
using System.Text.Json;

namespace Junction.TestKit.OpenAI;

/// <summary>
/// Legacy <c>POST /v1/completions</c>: <c>prompt</c> is a string, strings, tokens or token arrays; each prompt gets
/// <c>n</c> choices (index = prompt * n + i) with text <see cref="FakeOpenAIOptions.FixedReply"/> or <c>"echo: " + prompt</c>
/// (<c>"[k tokens]"</c> for token prompts). Streams <c>text_completion</c> chunks, honouring <c>include_usage</c> like chat.
/// </summary>
internal static class FakeCompletionResponder
{
    public static async Task RespondAsync(FakeExchange exchange, ReadOnlyMemory<byte> body)
    {
        using JsonDocument? document = await exchange.ParseBodyAsync(body);
        if (document is null)
        {
            return;
        }

        JsonElement root = document.RootElement;
        if (FakeJson.GetString(root, "model") is not { Length: > 0 } model)
        {
            await exchange.SendErrorAsync(FakeApiError.MissingModel);
            return;
        }

        if (!TryReadPrompts(root, out List<string> prompts, out int promptTokens))
        {
            await exchange.SendErrorAsync(FakeApiError.InvalidValue("prompt", "Invalid 'prompt': expected a string, an array of strings or an array of tokens."));
            return;
        }

        int n = Math.Clamp(FakeJson.GetInt(root, "n") ?? 1, 1, 128);
        int? maxTokens = FakeJson.GetInt(root, "max_tokens");
        var texts = new string[prompts.Count];
        int completionTokens = 0;
        bool truncated = false;
        for (int p = 0; p < prompts.Count; p++)
        {
            string text = exchange.Options.FixedReply ?? "echo: " + prompts[p];
            if (maxTokens is { } max && max >= 0 && FakeText.CountPieces(text) > max)
            {
                text = FakeText.Truncate(text, max);
                truncated = true;
            }

            texts[p] = text;
            completionTokens += FakeText.CountPieces(text) * n;
        }

        var response = new Response(
            FakeIds.CompletionId(),
            TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
            model,
            texts,
            n,
            truncated ? "length" : "stop",
            promptTokens,
            completionTokens,
            FakeJson.GetBool(root, "stream"),
            root.TryGetProperty("stream_options", out JsonElement o) && o.ValueKind == JsonValueKind.Object && FakeJson.GetBool(o, "include_usage"));
        if (response.Stream)
        {
            await StreamAsync(exchange, response);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        Utf8JsonWriter json = exchange.Json(buffer);
        WriteHead(json, response);
        json.WriteStartArray("choices"u8);
        for (int p = 0; p < texts.Length; p++)
        {
            for (int i = 0; i < n; i++)
            {
                WriteChoice(json, texts[p], p * n + i, response.FinishReason);
            }
        }

        json.WriteEndArray();
        FakeJson.WriteLegacyUsage(json, promptTokens, completionTokens);
        json.WriteEndObject();
        json.Flush();
        await exchange.SendJsonAsync(buffer.WrittenMemory);
    }

    private static async Task StreamAsync(FakeExchange exchange, Response response)
    {
        var stream = new FakeStreamWriter(exchange);
        if (!await stream.StartAsync())
        {
            return;
        }

        int n = response.N;
        for (int p = 0; p < response.Texts.Count; p++)
        {
            string text = response.Texts[p];
            for (int start = 0, end; start < text.Length; start = end)
            {
                end = FakeText.PieceEnd(text, start);
                for (int i = 0; i < n; i++)
                {
                    if (!await SendChunkAsync(stream, response, text.AsSpan(start, end - start), p * n + i, null))
                    {
                        return;
                    }
                }
            }
        }

        for (int index = 0; index < response.Texts.Count * n; index++)
        {
            if (!await SendChunkAsync(stream, response, "", index, response.FinishReason))
            {
                return;
            }
        }

        if (response.IncludeUsage)
        {
            Utf8JsonWriter json = stream.BeginEvent();
            WriteHead(json, response);
            json.WriteStartArray("choices"u8);
            json.WriteEndArray();
            FakeJson.WriteLegacyUsage(json, response.PromptTokens, response.CompletionTokens);
            json.WriteEndObject();
            if (!await stream.EndEventAsync(json))
            {
                return;
            }
        }

        await stream.CompleteAsync();
    }

    private static ValueTask<bool> SendChunkAsync(FakeStreamWriter stream, Response response, ReadOnlySpan<char> text, int index, string? finishReason)
    {
        Utf8JsonWriter json = stream.BeginEvent();
        WriteHead(json, response);
        json.WriteStartArray("choices"u8);
        WriteChoice(json, text, index, finishReason);
        json.WriteEndArray();
        if (response.IncludeUsage)
        {
            json.WriteNull("usage"u8);
        }

        json.WriteEndObject();
        return stream.EndEventAsync(json);
    }

    private static void WriteHead(Utf8JsonWriter json, Response response)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, response.Id);
        json.WriteString("object"u8, "text_completion"u8);
        json.WriteNumber("created"u8, response.Created);
        json.WriteString("model"u8, response.Model);
        json.WriteString("system_fingerprint"u8, "fp_fake"u8);
    }

    private static void WriteChoice(Utf8JsonWriter json, ReadOnlySpan<char> text, int index, string? finishReason)
    {
        json.WriteStartObject();
        json.WriteString("text"u8, text);
        json.WriteNumber("index"u8, index);
        json.WriteNull("logprobs"u8);
        FakeJson.WriteNullableString(json, "finish_reason"u8, finishReason);
        json.WriteEndObject();
    }

    private static bool TryReadPrompts(JsonElement root, out List<string> prompts, out int promptTokens)
    {
        prompts = [];
        promptTokens = 0;
        if (!root.TryGetProperty("prompt", out JsonElement prompt) || prompt.ValueKind == JsonValueKind.Null)
        {
            prompts.Add("");
            promptTokens = 1;
            return true;
        }

        if (prompt.ValueKind == JsonValueKind.String)
        {
            string text = prompt.GetString()!;
            prompts.Add(text);
            promptTokens = FakeText.PromptTokens(text.Length);
            return true;
        }

        if (prompt.ValueKind != JsonValueKind.Array || prompt.GetArrayLength() == 0)
        {
            return false;
        }

        if (prompt[0].ValueKind == JsonValueKind.Number)
        {
            return AddTokenPrompt(prompt, prompts, ref promptTokens);
        }

        foreach (JsonElement item in prompt.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                string text = item.GetString()!;
                prompts.Add(text);
                promptTokens += FakeText.PromptTokens(text.Length);
            }
            else if (item.ValueKind != JsonValueKind.Array || !AddTokenPrompt(item, prompts, ref promptTokens))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AddTokenPrompt(JsonElement tokens, List<string> prompts, ref int promptTokens)
    {
        int count = 0;
        foreach (JsonElement token in tokens.EnumerateArray())
        {
            if (token.ValueKind != JsonValueKind.Number)
            {
                return false;
            }

            count++;
        }

        prompts.Add($"[{count} tokens]");
        promptTokens += Math.Max(1, count);
        return true;
    }

    private sealed record Response(
        string Id,
        long Created,
        string Model,
        IReadOnlyList<string> Texts,
        int N,
        string FinishReason,
        int PromptTokens,
        int CompletionTokens,
        bool Stream,
        bool IncludeUsage);
}
