
namespace Junction.Providers.Bedrock;

/// <summary>The id and name of a tool call that starts streaming.</summary>
internal sealed class ToolUseBlockStart
{
    public string ToolUseId { get; set; } = "";

    public string Name { get; set; } = "";
}
