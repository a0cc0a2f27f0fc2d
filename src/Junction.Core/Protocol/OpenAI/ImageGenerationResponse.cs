using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>The answer of <c>POST /v1/images/generations</c>: <c>{"created","data":[...],"usage"?}</c>.</summary>
public sealed class ImageGenerationResponse
{
    public long Created { get; set; }
    public List<ImageData> Data { get; set; } = [];

    /// <summary>Token usage (GPT-image models), kept verbatim.</summary>
    public JsonElement? Usage { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
