using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Junction.TestKit.OpenAI;

/// <summary>
/// What the fake answers to one chat request (the same for every one of the <c>n</c> choices): text, or tool calls.
/// Tool calls happen for <c>tool_choice</c> "required" (one per tool) or a named function, unless the last message
/// is a tool result, which is answered in text that includes it.
/// </summary>
internal sealed class FakeChatReply
{
    private FakeChatReply(string? text, IReadOnlyList<FakeToolCall> toolCalls, string finishReason, int tokens)
    {
        Text = text;
        ToolCalls = toolCalls;
        FinishReason = finishReason;
        CompletionTokensPerChoice = tokens;
    }

    /// <summary>The content; null when the reply is tool calls.</summary>
    public string? Text { get; }

    public IReadOnlyList<FakeToolCall> ToolCalls { get; }

    public string FinishReason { get; }

    public int CompletionTokensPerChoice { get; }

    /// <summary>Arguments are streamed in fragments of this many characters.</summary>
    public const int ArgumentFragmentLength = 8;

    public static FakeChatReply For(FakeChatRequest request, FakeOpenAIOptions options)
    {
        if (request.ToolResult is null && request.ToolChoice != FakeToolChoice.Text)
        {
            List<FakeToolCall> calls = ToolCallsFor(request);
            if (calls.Count > 0)
            {
                int tokens = 0;
                foreach (FakeToolCall call in calls)
                {
                    tokens += 1 + ArgumentFragmentCount(call.Arguments);
                }

                return new FakeChatReply(null, calls, "tool_calls", tokens);
            }
        }

        string text = request.ToolResult is { } result
            ? "tool result: " + result
            : options.FixedReply ?? "echo: " + request.LastUserText;
        text = request.ResponseFormat switch
        {
            FakeResponseFormat.JsonObject => JsonObjectText(text),
            FakeResponseFormat.JsonSchema => FakeJsonSample.ObjectText(request.Schema),
            _ => text,
        };

        string finish = "stop";
        if (request.MaxTokens is { } max && max >= 0 && FakeText.CountPieces(text) > max)
        {
            text = FakeText.Truncate(text, max);
            finish = "length";
        }

        return new FakeChatReply(text, [], finish, FakeText.CountPieces(text));
    }

    public static int ArgumentFragmentCount(string arguments) =>
        Math.Max(1, (arguments.Length + ArgumentFragmentLength - 1) / ArgumentFragmentLength);

    private static List<FakeToolCall> ToolCallsFor(FakeChatRequest request)
    {
        var calls = new List<FakeToolCall>();
        foreach ((string name, JsonElement? parameters) in request.Tools)
        {
            if (request.ToolChoice == FakeToolChoice.Required || name == request.ForcedToolName)
            {
                calls.Add(new FakeToolCall($"call_{calls.Count}", name, FakeJsonSample.ObjectText(parameters)));
                if (request.ToolChoice == FakeToolChoice.Named)
                {
                    break;
                }
            }
        }

        if (calls.Count == 0 && request.ToolChoice == FakeToolChoice.Named)
        {
            calls.Add(new FakeToolCall("call_0", request.ForcedToolName!, "{}"));
        }

        return calls;
    }

    private static string JsonObjectText(string reply)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + reply.Length);
        using (var writer = new Utf8JsonWriter(buffer, FakeJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("reply"u8, reply);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
