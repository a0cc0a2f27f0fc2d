using System.Text.Json;

namespace Junction.Providers.Bedrock;

/// <summary><c>inputSchema</c>: the JSON Schema as a JSON document.</summary>
internal sealed class ToolInputSchema
{
    public JsonElement? Json { get; set; }
}
