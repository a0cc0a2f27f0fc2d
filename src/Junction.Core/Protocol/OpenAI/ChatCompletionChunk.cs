using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>One streamed chunk (<c>object: chat.completion.chunk</c>). <c>choices</c> is always written, even empty.</summary>
public sealed class ChatCompletionChunk
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "chat.completion.chunk";
    public long Created { get; set; }
    public string Model { get; set; } = "";
    public string? SystemFingerprint { get; set; }
    public string? ServiceTier { get; set; }
    public List<ChunkChoice> Choices { get; set; } = [];
    public Usage? Usage { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>True for the usage-only chunk OpenAI sends last when <c>include_usage</c> is on.</summary>
    [JsonIgnore]
    public bool IsUsageOnly => Choices.Count == 0 && Usage is not null;
}
