
namespace Junction.Providers.Bedrock;

/// <summary><c>delta</c>: a union of <c>text</c>, <c>toolUse</c> and <c>reasoningContent</c> (others ignored).</summary>
internal sealed class ContentBlockDelta
{
    public string? Text { get; set; }

    public ToolUseBlockDelta? ToolUse { get; set; }

    public ReasoningContentBlockDelta? ReasoningContent { get; set; }
}
