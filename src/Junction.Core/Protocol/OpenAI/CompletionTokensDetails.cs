using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary><c>usage.completion_tokens_details</c>.</summary>
public sealed class CompletionTokensDetails
{
    public int? ReasoningTokens { get; set; }
    public int? AudioTokens { get; set; }
    public int? AcceptedPredictionTokens { get; set; }
    public int? RejectedPredictionTokens { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
