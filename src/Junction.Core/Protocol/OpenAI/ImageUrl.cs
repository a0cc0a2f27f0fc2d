using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>The <c>image_url</c> of an image content part: an http(s) URL or a data: URL.</summary>
public sealed class ImageUrl
{
    public string? Url { get; set; }
    public string? Detail { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
