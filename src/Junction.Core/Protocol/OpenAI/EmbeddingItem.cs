using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>One embedding; the vector is floats or, with <c>encoding_format: base64</c>, base64 of little-endian float32.</summary>
public sealed class EmbeddingItem
{
    public string Object { get; set; } = "embedding";
    public int Index { get; set; }
    public EmbeddingVector Embedding { get; set; } = EmbeddingVector.FromFloats([]);

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
