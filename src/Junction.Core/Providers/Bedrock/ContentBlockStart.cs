
namespace Junction.Providers.Bedrock;

/// <summary><c>start</c> of a content block: <c>toolUse</c> (other members are ignored).</summary>
internal sealed class ContentBlockStart
{
    public ToolUseBlockStart? ToolUse { get; set; }
}
