using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>One generated image: a <c>url</c> or <c>b64_json</c>, with the <c>revised_prompt</c> when the model rewrote it.</summary>
public sealed class ImageData
{
    public string? Url { get; set; }
    public string? B64Json { get; set; }
    public string? RevisedPrompt { get; set; }

    /// <summary>Other members (Azure's <c>content_filter_results</c>, <c>prompt_filter_results</c>) passed on unchanged.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
