using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>One part of array-shaped message content: text, image_url, input_audio, file, ...</summary>
public sealed class ContentPart
{
    public string? Type { get; set; }
    public string? Text { get; set; }
    public ImageUrl? ImageUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
