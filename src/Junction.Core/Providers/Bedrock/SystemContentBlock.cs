using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>A system prompt block: <c>text</c>, <c>cachePoint</c> or (kept in <see cref="Extra"/>) <c>guardContent</c>.</summary>
internal sealed class SystemContentBlock
{
    public string? Text { get; set; }

    public CachePointBlock? CachePoint { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
