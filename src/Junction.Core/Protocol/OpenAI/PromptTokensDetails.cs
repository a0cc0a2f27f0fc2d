using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary><c>usage.prompt_tokens_details</c>.</summary>
public sealed class PromptTokensDetails
{
    public int? CachedTokens { get; set; }
    public int? AudioTokens { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
