
namespace Junction.Providers.Bedrock;

/// <summary>A function tool: name, optional non-empty description, JSON Schema input.</summary>
internal sealed class ToolSpecification
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public ToolInputSchema InputSchema { get; set; } = new();

    public bool? Strict { get; set; }
}
