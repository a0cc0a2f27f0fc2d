using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>A tool the model may call: <c>{"type":"function","function":{...}}</c>.</summary>
public sealed class ChatTool
{
    public string? Type { get; set; }
    public FunctionDefinition? Function { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
