using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>One choice of a streamed chunk; <c>finish_reason</c> is written as null until the choice ends.</summary>
public sealed class ChunkChoice
{
    public int Index { get; set; }
    public ChatDelta Delta { get; set; } = new();

    public JsonElement? Logprobs { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
