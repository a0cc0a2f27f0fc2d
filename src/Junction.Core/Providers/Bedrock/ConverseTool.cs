using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>A tool entry: a union of <c>toolSpec</c>, <c>cachePoint</c> and (in <see cref="Extra"/>) <c>systemTool</c>.</summary>
internal sealed class ConverseTool
{
    public ToolSpecification? ToolSpec { get; set; }

    public CachePointBlock? CachePoint { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
