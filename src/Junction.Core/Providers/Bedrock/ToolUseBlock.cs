using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>A tool call made by the assistant; <see cref="Input"/> is a JSON object.</summary>
internal sealed class ToolUseBlock
{
    public string ToolUseId { get; set; } = "";

    public string Name { get; set; } = "";

    public JsonElement Input { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
