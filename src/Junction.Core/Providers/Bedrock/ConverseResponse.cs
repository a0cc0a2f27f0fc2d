using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>Converse response body.</summary>
internal sealed class ConverseResponse
{
    public ConverseOutput? Output { get; set; }

    public string? StopReason { get; set; }

    public TokenUsage? Usage { get; set; }

    public ConverseMetrics? Metrics { get; set; }

    public JsonElement? AdditionalModelResponseFields { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
