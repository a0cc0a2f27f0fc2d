using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>Stability SD3.x / Stable Image Core / Ultra request (text-to-image).</summary>
internal sealed class StableImageRequest
{
    [JsonPropertyName("prompt")]
    public string Prompt { get; set; } = "";

    [JsonPropertyName("negative_prompt")]
    public string? NegativePrompt { get; set; }

    [JsonPropertyName("mode")]
    public string? Mode { get; set; }

    [JsonPropertyName("aspect_ratio")]
    public string? AspectRatio { get; set; }

    [JsonPropertyName("output_format")]
    public string? OutputFormat { get; set; }

    [JsonPropertyName("seed")]
    public long? Seed { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
