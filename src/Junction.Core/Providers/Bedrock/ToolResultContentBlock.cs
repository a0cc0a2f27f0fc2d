using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>One block of a tool result: <c>text</c> or <c>json</c> (image/document stay in <see cref="Extra"/>).</summary>
internal sealed class ToolResultContentBlock
{
    public string? Text { get; set; }

    public JsonElement? Json { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
