using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>One SDXL image: base64, seed and finish reason (SUCCESS, ERROR, CONTENT_FILTERED).</summary>
internal sealed class SdxlArtifact
{
    [JsonPropertyName("seed")]
    public long? Seed { get; set; }

    [JsonPropertyName("base64")]
    public string? Base64 { get; set; }

    [JsonPropertyName("finishReason")]
    public string? FinishReason { get; set; }
}
