
namespace Junction.Providers.Bedrock;

/// <summary>A fragment of a tool call's input JSON text.</summary>
internal sealed class ToolUseBlockDelta
{
    public string? Input { get; set; }
}
