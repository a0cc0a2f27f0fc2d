using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>The answer of <c>POST /v1/images/generations</c>.</summary>
public sealed class ImageGenerationResponse
{
    public long Created { get; set; }
    public List<ImageData> Data { get; set; } = [];
    public JsonElement? Usage { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
