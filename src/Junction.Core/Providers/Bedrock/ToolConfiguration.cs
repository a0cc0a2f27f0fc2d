
namespace Junction.Providers.Bedrock;

/// <summary><c>toolConfig</c>: at least one tool and an optional choice.</summary>
internal sealed class ToolConfiguration
{
    public List<ConverseTool> Tools { get; set; } = [];

    public ConverseToolChoice? ToolChoice { get; set; }
}
