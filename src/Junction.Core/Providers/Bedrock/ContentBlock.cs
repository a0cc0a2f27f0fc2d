using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>A Converse content block: a union with exactly one member set. Members Junction does not model (document, video, guardContent, citationsContent, ...) stay in <see cref="Extra"/>.</summary>
internal sealed class ContentBlock
{
    public string? Text { get; set; }

    public ImageBlock? Image { get; set; }

    public ToolUseBlock? ToolUse { get; set; }

    public ToolResultBlock? ToolResult { get; set; }

    public ReasoningContentBlock? ReasoningContent { get; set; }

    public CachePointBlock? CachePoint { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
