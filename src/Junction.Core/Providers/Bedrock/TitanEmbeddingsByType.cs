
namespace Junction.Providers.Bedrock;

/// <summary>Titan V2 <c>embeddingsByType</c>: <c>float</c> and/or <c>binary</c> (0/1 integers).</summary>
internal sealed class TitanEmbeddingsByType
{
    public float[]? Float { get; set; }

    public int[]? Binary { get; set; }
}
