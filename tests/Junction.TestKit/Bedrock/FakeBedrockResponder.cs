using System.Text;
using System.Text.Json.Nodes;

namespace Junction.TestKit.Bedrock;

/// <summary>
/// The fake's deterministic answers in Bedrock's real shapes. Chat: the reply is <c>"Bedrock says: " + last user
/// text</c>; when the request has tools and the last message is not a tool result, the model first says
/// <see cref="ToolPreamble"/> (a text block) and then calls the first tool with <see cref="ToolInput"/>.
/// </summary>
public static class FakeBedrockResponder
{
    public const string ReplyPrefix = "Bedrock says: ";
    public const string ToolPreamble = "Let me check.";
    public const string ToolInput = """{"location":"Paris","unit":"celsius"}""";
    public const string ToolUseId = "tooluse_fake0001";

    /// <summary>The vector the fake returns for <paramref name="text"/>: a pure function of the text and size.</summary>
    public static float[] Embedding(string text, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seed = 0u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            seed = (seed * 31) + b;
        }

        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (((seed + (uint)i * 2654435761u) % 2000) - 1000) / 1000f;
        }

        return vector;
    }

    /// <summary>A rough token count: words.</summary>
    public static int Tokens(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    internal static ChatPlan Plan(JsonNode request)
    {
        var messages = request["messages"]?.AsArray() ?? [];
        var last = messages.Count > 0 ? messages[^1] : null;
        var lastText = string.Join(" ", (last?["content"]?.AsArray() ?? []).Select(b => b?["text"]?.GetValue<string>()).Where(t => t is not null));
        var inputTokens = messages.Sum(m => (m?["content"]?.AsArray() ?? []).Sum(b => Tokens(b?["text"]?.GetValue<string>() ?? "")))
            + (request["system"]?.AsArray() ?? []).Sum(b => Tokens(b?["text"]?.GetValue<string>() ?? ""));
        var isToolResult = (last?["content"]?.AsArray() ?? []).Any(b => b?["toolResult"] is not null);
        var tool = request["toolConfig"]?["tools"]?.AsArray().Select(t => t?["toolSpec"]?["name"]?.GetValue<string>()).FirstOrDefault(n => n is not null);
        return tool is not null && !isToolResult
            ? new ChatPlan(ToolPreamble, tool, Math.Max(1, inputTokens), 12)
            : new ChatPlan(ReplyPrefix + lastText, null, Math.Max(1, inputTokens), Tokens(ReplyPrefix + lastText));
    }

    internal static JsonObject Converse(JsonNode request)
    {
        var plan = Plan(request);
        var content = new JsonArray { new JsonObject { ["text"] = plan.Text } };
        if (plan.ToolName is { } name)
        {
            content.Add(new JsonObject
            {
                ["toolUse"] = new JsonObject { ["toolUseId"] = ToolUseId, ["name"] = name, ["input"] = JsonNode.Parse(ToolInput) },
            });
        }

        return new JsonObject
        {
            ["output"] = new JsonObject { ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content } },
            ["stopReason"] = plan.ToolName is null ? "end_turn" : "tool_use",
            ["usage"] = Usage(plan),
            ["metrics"] = new JsonObject { ["latencyMs"] = 42 },
        };
    }

    /// <summary>ConverseStream frames: text deltas without a contentBlockStart, tool blocks with one, messageStop, then metadata.</summary>
    internal static List<byte[]> ConverseStream(JsonNode request, FakeBedrockBehavior? failure)
    {
        var plan = Plan(request);
        var frames = new List<byte[]> { FakeEventStreamEncoder.Event("messageStart", """{"role":"assistant","p":"abcdefgh"}""") };
        var words = plan.Text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (failure?.StreamExceptionAfterDeltas == i)
            {
                frames.Add(FakeEventStreamEncoder.Exception(failure.ErrorType ?? "internalServerException", failure.Message));
                return frames;
            }

            var piece = i < words.Length - 1 ? words[i] + " " : words[i];
            frames.Add(FakeEventStreamEncoder.Event("contentBlockDelta",
                new JsonObject { ["contentBlockIndex"] = 0, ["delta"] = new JsonObject { ["text"] = piece }, ["p"] = "xyz" }.ToJsonString()));
        }

        frames.Add(FakeEventStreamEncoder.Event("contentBlockStop", """{"contentBlockIndex":0}"""));
        if (plan.ToolName is { } name)
        {
            frames.Add(FakeEventStreamEncoder.Event("contentBlockStart", new JsonObject
            {
                ["contentBlockIndex"] = 1,
                ["start"] = new JsonObject { ["toolUse"] = new JsonObject { ["toolUseId"] = ToolUseId, ["name"] = name } },
            }.ToJsonString()));
            var half = ToolInput.Length / 2;
            foreach (var fragment in new[] { ToolInput[..half], ToolInput[half..] })
            {
                frames.Add(FakeEventStreamEncoder.Event("contentBlockDelta", new JsonObject
                {
                    ["contentBlockIndex"] = 1,
                    ["delta"] = new JsonObject { ["toolUse"] = new JsonObject { ["input"] = fragment } },
                }.ToJsonString()));
            }

            frames.Add(FakeEventStreamEncoder.Event("contentBlockStop", """{"contentBlockIndex":1}"""));
        }

        frames.Add(FakeEventStreamEncoder.Event("messageStop",
            new JsonObject { ["stopReason"] = plan.ToolName is null ? "end_turn" : "tool_use" }.ToJsonString()));
        frames.Add(FakeEventStreamEncoder.Event("metadata",
            new JsonObject { ["usage"] = Usage(plan), ["metrics"] = new JsonObject { ["latencyMs"] = 42 } }.ToJsonString()));
        return frames;
    }

    /// <summary>An InvokeModel answer for the model's family, with its input/output token counts; null for an unknown model.</summary>
    internal static (JsonObject Body, int InputTokens, int OutputTokens)? Invoke(string modelId, JsonNode request)
    {
        if (modelId.Contains("titan-embed-text", StringComparison.Ordinal))
        {
            var text = request["inputText"]?.GetValue<string>() ?? "";
            var v2 = modelId.Contains("v2", StringComparison.Ordinal);
            var vector = Embedding(text, v2 ? request["dimensions"]?.GetValue<int>() ?? 1024 : 1536);
            var body = new JsonObject { ["embedding"] = Floats(vector), ["inputTextTokenCount"] = Tokens(text) };
            if (v2)
            {
                body["embeddingsByType"] = new JsonObject { ["float"] = Floats(vector) };
            }

            return (body, Tokens(text), 0);
        }

        if (modelId.Contains("cohere.embed", StringComparison.Ordinal))
        {
            var texts = (request["texts"]?.AsArray() ?? []).Select(t => t!.GetValue<string>()).ToList();
            return (new JsonObject
            {
                ["id"] = "fake-cohere",
                ["texts"] = new JsonArray([.. texts.Select(t => (JsonNode)t)]),
                ["embeddings"] = new JsonArray([.. texts.Select(t => (JsonNode)Floats(Embedding(t, 1024)))]),
                ["response_type"] = "embeddings_floats",
            }, texts.Sum(Tokens), 0);
        }

        if (modelId.Contains("titan-image-generator", StringComparison.Ordinal) || modelId.Contains("nova-canvas", StringComparison.Ordinal))
        {
            var prompt = request["textToImageParams"]?["text"]?.GetValue<string>() ?? "";
            var n = request["imageGenerationConfig"]?["numberOfImages"]?.GetValue<int>() ?? 1;
            return (new JsonObject { ["images"] = new JsonArray([.. Enumerable.Range(0, n).Select(i => (JsonNode)Image(prompt, i))]), ["error"] = null }, 0, 0);
        }

        if (modelId.Contains("stable-diffusion-xl", StringComparison.Ordinal))
        {
            var prompt = request["text_prompts"]?[0]?["text"]?.GetValue<string>() ?? "";
            return (new JsonObject
            {
                ["result"] = "success",
                ["artifacts"] = new JsonArray { new JsonObject { ["seed"] = 7, ["base64"] = Image(prompt, 0), ["finishReason"] = "SUCCESS" } },
            }, 0, 0);
        }

        if (modelId.Contains("stability.sd3", StringComparison.Ordinal) || modelId.Contains("stable-image", StringComparison.Ordinal))
        {
            var prompt = request["prompt"]?.GetValue<string>() ?? "";
            return (new JsonObject { ["seeds"] = new JsonArray(7), ["finish_reasons"] = new JsonArray((JsonNode?)null), ["images"] = new JsonArray(Image(prompt, 0)) }, 0, 0);
        }

        if (modelId.Contains("anthropic.", StringComparison.Ordinal))
        {
            var last = request["messages"]?.AsArray().LastOrDefault()?["content"];
            var text = last is JsonValue ? last.GetValue<string>() : last?[0]?["text"]?.GetValue<string>() ?? "";
            return (new JsonObject
            {
                ["id"] = "msg_fake",
                ["type"] = "message",
                ["role"] = "assistant",
                ["content"] = new JsonArray { new JsonObject { ["type"] = "text", ["text"] = ReplyPrefix + text } },
                ["stop_reason"] = "end_turn",
                ["usage"] = new JsonObject { ["input_tokens"] = Tokens(text), ["output_tokens"] = Tokens(ReplyPrefix + text) },
            }, Tokens(text), Tokens(ReplyPrefix + text));
        }

        return null;
    }

    /// <summary>The base64 "image" the fake makes for a prompt (the bytes are text, which is enough for a fake).</summary>
    public static string Image(string prompt, int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"image {index}: {prompt}"));

    private static JsonObject Usage(ChatPlan plan) => new()
    {
        ["inputTokens"] = plan.InputTokens,
        ["outputTokens"] = plan.OutputTokens,
        ["totalTokens"] = plan.InputTokens + plan.OutputTokens,
    };

    private static JsonArray Floats(float[] vector) => new([.. vector.Select(v => (JsonNode)v)]);

    internal sealed record ChatPlan(string Text, string? ToolName, int InputTokens, int OutputTokens);
}
