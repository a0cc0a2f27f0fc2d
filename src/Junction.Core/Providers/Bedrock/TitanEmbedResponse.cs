using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>Titan Text Embeddings response; V2 also sends <c>embeddingsByType</c>.</summary>
internal sealed class TitanEmbedResponse
{
    public float[]? Embedding { get; set; }

    public int InputTextTokenCount { get; set; }

    public TitanEmbeddingsByType? EmbeddingsByType { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
