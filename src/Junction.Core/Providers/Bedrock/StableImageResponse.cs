using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>Stability SD3.x / Stable Image response: one image per call; a non-null finish reason means it was filtered or failed.</summary>
internal sealed class StableImageResponse
{
    [JsonPropertyName("seeds")]
    public List<long>? Seeds { get; set; }

    [JsonPropertyName("finish_reasons")]
    public List<string?>? FinishReasons { get; set; }

    [JsonPropertyName("images")]
    public List<string>? Images { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
