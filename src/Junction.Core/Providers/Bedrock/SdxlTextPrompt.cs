using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>One weighted SDXL prompt; a negative weight makes it a negative prompt.</summary>
internal sealed class SdxlTextPrompt
{
    [JsonPropertyName("text")]
    public string Text { get; set; } = "";

    [JsonPropertyName("weight")]
    public double? Weight { get; set; }
}
