using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>Model reasoning: <c>reasoningText</c> or opaque <c>redactedContent</c> (base64).</summary>
internal sealed class ReasoningContentBlock
{
    public ReasoningTextBlock? ReasoningText { get; set; }

    public string? RedactedContent { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
