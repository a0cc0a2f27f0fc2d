using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>The function of a tool call; <see cref="Arguments"/> is JSON text, not an object.</summary>
public sealed class FunctionCall
{
    public string? Name { get; set; }
    public string? Arguments { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
