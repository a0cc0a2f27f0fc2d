using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>Titan / Nova Canvas image response: base64 PNGs, or an error message.</summary>
internal sealed class TitanImageResponse
{
    public List<string>? Images { get; set; }

    public string? Error { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
