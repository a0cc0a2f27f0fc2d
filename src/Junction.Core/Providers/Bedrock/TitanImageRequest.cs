using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>Titan Image Generator / Nova Canvas request (text-to-image only).</summary>
internal sealed class TitanImageRequest
{
    public string TaskType { get; set; } = "TEXT_IMAGE";

    public TitanTextToImageParams TextToImageParams { get; set; } = new();

    public TitanImageGenerationConfig? ImageGenerationConfig { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
