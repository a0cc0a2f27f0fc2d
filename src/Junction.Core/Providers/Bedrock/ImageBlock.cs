using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>An inline image: <c>format</c> png|jpeg|gif|webp and the bytes.</summary>
internal sealed class ImageBlock
{
    public string Format { get; set; } = "";

    public ImageSource Source { get; set; } = new();

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
