using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>The assistant message of a completion choice; <c>content</c> is always written (null with tool calls).</summary>
public sealed class ChatResponseMessage
{
    public string Role { get; set; } = "assistant";

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Content { get; set; }

    public string? Refusal { get; set; }
    public List<ToolCall>? ToolCalls { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
