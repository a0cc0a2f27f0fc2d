
namespace Junction.Providers.Bedrock;

/// <summary>Titan Text Embeddings request (one text per call). V1 takes only <c>inputText</c>; V2 adds the rest.</summary>
internal sealed class TitanEmbedRequest
{
    public string InputText { get; set; } = "";

    public int? Dimensions { get; set; }

    public bool? Normalize { get; set; }

    public List<string>? EmbeddingTypes { get; set; }
}
