using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>One generated image: a <c>url</c> or base64 <c>b64_json</c>, and the prompt the model actually used.</summary>
public sealed class ImageData
{
    public string? Url { get; set; }
    public string? B64Json { get; set; }
    public string? RevisedPrompt { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
