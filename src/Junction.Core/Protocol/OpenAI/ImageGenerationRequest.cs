using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>The body of <c>POST /v1/images/generations</c>. Unknown fields (<c>moderation</c>, ...) are kept in <see cref="Extra"/>.</summary>
public sealed class ImageGenerationRequest
{
    public string? Model { get; set; }
    public string? Prompt { get; set; }
    public int? N { get; set; }
    public string? Size { get; set; }
    public string? Quality { get; set; }
    public string? Style { get; set; }
    public string? ResponseFormat { get; set; }
    public string? User { get; set; }
    public string? Background { get; set; }
    public string? OutputFormat { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
