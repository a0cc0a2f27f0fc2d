
namespace Junction.Providers.Bedrock;

/// <summary><c>inferenceConfig</c>: the base inference parameters every Converse model accepts.</summary>
internal sealed class InferenceConfiguration
{
    public int? MaxTokens { get; set; }

    public double? Temperature { get; set; }

    public double? TopP { get; set; }

    public List<string>? StopSequences { get; set; }
}
