using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>Cohere Embed v3 request: up to 96 texts per call.</summary>
internal sealed class CohereEmbedRequest
{
    [JsonPropertyName("texts")]
    public List<string> Texts { get; set; } = [];

    [JsonPropertyName("input_type")]
    public string InputType { get; set; } = "";

    [JsonPropertyName("truncate")]
    public string? Truncate { get; set; }

    [JsonPropertyName("embedding_types")]
    public List<string>? EmbeddingTypes { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
