using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary><c>textToImageParams</c> of a Titan / Nova Canvas request.</summary>
internal sealed class TitanTextToImageParams
{
    public string Text { get; set; } = "";

    public string? NegativeText { get; set; }

    public string? Style { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
