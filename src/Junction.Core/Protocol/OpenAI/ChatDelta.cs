using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>The <c>delta</c> of a streamed choice.</summary>
public sealed class ChatDelta
{
    public string? Role { get; set; }
    public string? Content { get; set; }
    public string? Refusal { get; set; }
    public List<ToolCall>? ToolCalls { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
