using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Junction.Protocol.OpenAI;

namespace Junction.Providers.Mock;

/// <summary>
/// Pure, deterministic answers for the offline <c>mock</c> provider: the same request always gets the same
/// text, tool calls, embeddings and usage, so demos and tests need no cloud account.
/// </summary>
internal static class MockResponder
{
    private const int MaxEcho = 200;

    public static string ReplyText(ChatCompletionRequest request)
    {
        if (request.ResponseFormat?.Type is "json_object" or "json_schema")
        {
            return "{\"mock\":true,\"echo\":" + System.Text.Json.JsonSerializer.Serialize(Truncate(LastUserText(request)), Protocol.OpenAI.OpenAIJsonContext.Wire.String) + "}";
        }

        return "This is Junction's mock provider. You said: " + Truncate(LastUserText(request));
    }

    /// <summary>The forced tool call, when <c>tool_choice</c> is <c>required</c> or names a function.</summary>
    public static ToolCall? ForcedToolCall(ChatCompletionRequest request, int index)
    {
        if (request.Tools is not { Count: > 0 } tools || request.ToolChoice is not { } choice)
        {
            return null;
        }

        var name = choice.FunctionName ?? (choice.Mode == "required" ? tools[0].Function?.Name : null);
        return name is null
            ? null
            : new ToolCall
            {
                Id = $"call_mock{index}",
                Type = "function",
                Function = new FunctionCall { Name = name, Arguments = "{}" },
            };
    }

    public static ChatCompletionResponse Complete(ChatCompletionRequest request, string id, long created, string model)
    {
        var choices = new List<ChatChoice>();
        var text = ReplyText(request);
        for (var i = 0; i < Math.Max(1, request.N ?? 1); i++)
        {
            var toolCall = ForcedToolCall(request, i);
            choices.Add(new ChatChoice
            {
                Index = i,
                Message = toolCall is null
                    ? new ChatResponseMessage { Content = text }
                    : new ChatResponseMessage { Content = null, ToolCalls = [toolCall] },
                FinishReason = toolCall is null ? "stop" : "tool_calls",
            });
        }

        return new ChatCompletionResponse
        {
            Id = id,
            Created = created,
            Model = model,
            Choices = choices,
            Usage = Usage(PromptTokens(request), CountTokens(text) * choices.Count),
            SystemFingerprint = "fp_junction_mock",
        };
    }

    /// <summary>The chunks of a streamed answer, ending with the usage-only chunk.</summary>
    public static IEnumerable<ChatCompletionChunk> Stream(ChatCompletionRequest request, string id, long created, string model)
    {
        ChatCompletionChunk Chunk(ChatDelta delta, string? finish = null) => new()
        {
            Id = id,
            Created = created,
            Model = model,
            SystemFingerprint = "fp_junction_mock",
            Choices = [new ChunkChoice { Index = 0, Delta = delta, FinishReason = finish }],
        };

        yield return Chunk(new ChatDelta { Role = "assistant", Content = "" });
        var toolCall = ForcedToolCall(request, 0);
        var text = ReplyText(request);
        if (toolCall is not null)
        {
            toolCall.Index = 0;
            yield return Chunk(new ChatDelta { ToolCalls = [toolCall] });
            yield return Chunk(new ChatDelta(), "tool_calls");
        }
        else
        {
            foreach (var piece in Pieces(text))
            {
                yield return Chunk(new ChatDelta { Content = piece });
            }

            yield return Chunk(new ChatDelta(), "stop");
        }

        yield return new ChatCompletionChunk
        {
            Id = id,
            Created = created,
            Model = model,
            SystemFingerprint = "fp_junction_mock",
            Usage = Usage(PromptTokens(request), toolCall is null ? CountTokens(text) : 1),
        };
    }

    public static CompletionResponse CompleteText(CompletionRequest request, string id, long created, string model)
    {
        var text = " This is Junction's mock provider completing: " + Truncate(request.GetPromptText());
        return new CompletionResponse
        {
            Id = id,
            Created = created,
            Model = model,
            Choices = [new CompletionChoice { Text = text, Index = 0, FinishReason = "stop" }],
            Usage = Usage(CountTokens(request.GetPromptText()), CountTokens(text)),
        };
    }

    public static IEnumerable<CompletionResponse> StreamText(CompletionRequest request, string id, long created, string model)
    {
        var full = CompleteText(request, id, created, model);
        var text = full.Choices[0].Text;
        foreach (var piece in Pieces(text))
        {
            yield return new CompletionResponse { Id = id, Created = created, Model = model, Choices = [new CompletionChoice { Text = piece }] };
        }

        yield return new CompletionResponse { Id = id, Created = created, Model = model, Choices = [new CompletionChoice { Text = "", FinishReason = "stop" }] };
        yield return new CompletionResponse { Id = id, Created = created, Model = model, Choices = [], Usage = full.Usage };
    }

    public static EmbeddingResponse Embed(IReadOnlyList<string> inputs, int dimensions, bool base64, string model)
    {
        var data = new List<EmbeddingItem>(inputs.Count);
        var tokens = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = Vector(inputs[i], dimensions);
            data.Add(new EmbeddingItem
            {
                Index = i,
                Embedding = base64 ? EmbeddingVector.FromBase64(EmbeddingVector.FromFloats(vector).ToBase64()) : EmbeddingVector.FromFloats(vector),
            });
            tokens += CountTokens(inputs[i]);
        }

        return new EmbeddingResponse { Data = data, Model = model, Usage = new EmbeddingUsage { PromptTokens = tokens, TotalTokens = tokens } };
    }

    /// <summary>A unit-length vector derived from the text's hash: equal texts, equal vectors.</summary>
    public static float[] Vector(string text, int dimensions)
    {
        var vector = new float[dimensions];
        Span<byte> hash = stackalloc byte[8];
        var bytes = Encoding.UTF8.GetBytes(text);
        double norm = 0;
        for (var i = 0; i < dimensions; i++)
        {
            XxHash64.Hash(bytes, hash, seed: i);
            var value = (BinaryPrimitives.ReadUInt32LittleEndian(hash) / (double)uint.MaxValue * 2) - 1;
            vector[i] = (float)value;
            norm += value * value;
        }

        var scale = norm > 0 ? 1 / Math.Sqrt(norm) : 0;
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)(vector[i] * scale);
        }

        return vector;
    }

    /// <summary>A rough token count (about four characters per token), never zero for non-empty text.</summary>
    public static int CountTokens(string text) => text.Length == 0 ? 0 : Math.Max(1, (text.Length + 3) / 4);

    private static int PromptTokens(ChatCompletionRequest request)
    {
        var total = 0;
        foreach (var message in request.Messages ?? [])
        {
            total += 3 + (message.Content is { } content ? CountTokens(content.GetText()) : 0);
        }

        return total;
    }

    private static Usage Usage(int prompt, int completion) => new()
    {
        PromptTokens = prompt,
        CompletionTokens = completion,
        TotalTokens = prompt + completion,
        PromptTokensDetails = new PromptTokensDetails { CachedTokens = 0 },
        CompletionTokensDetails = new CompletionTokensDetails { ReasoningTokens = 0 },
    };

    private static string LastUserText(ChatCompletionRequest request)
    {
        var messages = request.Messages ?? [];
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role is "user" or "tool" && messages[i].Content is { } content)
            {
                return content.GetText();
            }
        }

        return "";
    }

    private static string Truncate(string text) => text.Length <= MaxEcho ? text : text[..MaxEcho] + "...";

    /// <summary>Splits text into word-sized pieces that concatenate back to the text.</summary>
    private static IEnumerable<string> Pieces(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ' ')
            {
                yield return text[start..i];
                start = i;
            }
        }
    }
}
