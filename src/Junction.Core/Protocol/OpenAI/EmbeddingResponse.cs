using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>The answer of <c>POST /v1/embeddings</c>.</summary>
public sealed class EmbeddingResponse
{
    public string Object { get; set; } = "list";
    public List<EmbeddingItem> Data { get; set; } = [];
    public string Model { get; set; } = "";
    public EmbeddingUsage? Usage { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
