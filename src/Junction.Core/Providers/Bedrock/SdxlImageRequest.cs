using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>Stability SDXL 1.0 request.</summary>
internal sealed class SdxlImageRequest
{
    [JsonPropertyName("text_prompts")]
    public List<SdxlTextPrompt> TextPrompts { get; set; } = [];

    [JsonPropertyName("cfg_scale")]
    public double? CfgScale { get; set; }

    [JsonPropertyName("seed")]
    public long? Seed { get; set; }

    [JsonPropertyName("steps")]
    public int? Steps { get; set; }

    [JsonPropertyName("width")]
    public int? Width { get; set; }

    [JsonPropertyName("height")]
    public int? Height { get; set; }

    [JsonPropertyName("samples")]
    public int? Samples { get; set; }

    [JsonPropertyName("style_preset")]
    public string? StylePreset { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
