using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>Cohere Embed v3 response. <see cref="Embeddings"/> is an array of float arrays, or an object keyed by type when <c>embedding_types</c> was sent.</summary>
internal sealed class CohereEmbedResponse
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("texts")]
    public List<string>? Texts { get; set; }

    [JsonPropertyName("embeddings")]
    public JsonElement Embeddings { get; set; }

    [JsonPropertyName("response_type")]
    public string? ResponseType { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
