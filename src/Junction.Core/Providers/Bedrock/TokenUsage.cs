using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>Converse token usage. <c>inputTokens</c> excludes cache reads and writes (see <see cref="BedrockChatMapper.FromUsage"/>).</summary>
internal sealed class TokenUsage
{
    public int InputTokens { get; set; }

    public int OutputTokens { get; set; }

    public int TotalTokens { get; set; }

    public int? CacheReadInputTokens { get; set; }

    public int? CacheWriteInputTokens { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
