using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>One choice of a chat completion. <c>logprobs</c> and <c>finish_reason</c> are always written, as OpenAI does.</summary>
public sealed class ChatChoice
{
    public int Index { get; set; }
    public ChatResponseMessage Message { get; set; } = new();

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonElement? Logprobs { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
