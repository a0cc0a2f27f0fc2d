
namespace Junction.Providers.Bedrock;

/// <summary><c>imageGenerationConfig</c> of a Titan / Nova Canvas request.</summary>
internal sealed class TitanImageGenerationConfig
{
    public int? NumberOfImages { get; set; }

    public int? Height { get; set; }

    public int? Width { get; set; }

    public double? CfgScale { get; set; }

    public long? Seed { get; set; }

    public string? Quality { get; set; }
}
