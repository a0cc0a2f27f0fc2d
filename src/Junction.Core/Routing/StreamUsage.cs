using System.Text;
using Junction.Protocol.OpenAI;

namespace Junction.Routing;

/// <summary>How to find and strip usage in one kind of streamed chunk.</summary>
internal abstract class StreamUsage<T>
{
    public abstract Usage? GetUsage(T chunk);

    public abstract bool IsUsageOnly(T chunk);

    public abstract void ClearUsage(T chunk);

    /// <summary>The model the upstream named in a chunk.</summary>
    public abstract string? GetModel(T chunk);

    /// <summary>Appends the answer text a chunk carries (for token estimates and stored content); none by default.</summary>
    public virtual void AppendText(T chunk, StringBuilder text)
    {
    }
}

/// <summary>Usage in chat chunks.</summary>
internal sealed class ChatStreamUsage : StreamUsage<ChatCompletionChunk>
{
    public static readonly ChatStreamUsage Instance = new();

    public override Usage? GetUsage(ChatCompletionChunk chunk) => chunk.Usage;

    public override bool IsUsageOnly(ChatCompletionChunk chunk) => chunk.IsUsageOnly;

    public override void ClearUsage(ChatCompletionChunk chunk) => chunk.Usage = null;

    public override string? GetModel(ChatCompletionChunk chunk) => chunk.Model;

    public override void AppendText(ChatCompletionChunk chunk, StringBuilder text)
    {
        foreach (var choice in chunk.Choices)
        {
            text.Append(choice.Delta.Content);
            foreach (var call in choice.Delta.ToolCalls ?? [])
            {
                text.Append(call.Function?.Name).Append(call.Function?.Arguments);
            }
        }
    }
}

/// <summary>Usage in legacy completion chunks.</summary>
internal sealed class CompletionStreamUsage : StreamUsage<CompletionResponse>
{
    public static readonly CompletionStreamUsage Instance = new();

    public override Usage? GetUsage(CompletionResponse chunk) => chunk.Usage;

    public override bool IsUsageOnly(CompletionResponse chunk) => chunk.IsUsageOnly;

    public override void ClearUsage(CompletionResponse chunk) => chunk.Usage = null;

    public override string? GetModel(CompletionResponse chunk) => chunk.Model;

    public override void AppendText(CompletionResponse chunk, StringBuilder text)
    {
        foreach (var choice in chunk.Choices)
        {
            text.Append(choice.Text);
        }
    }
}
