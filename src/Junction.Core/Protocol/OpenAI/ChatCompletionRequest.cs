using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>
/// The body of <c>POST /v1/chat/completions</c>. Fields Junction does not model are kept in
/// <see cref="Extra"/> and sent on unchanged to OpenAI-compatible upstreams.
/// </summary>
public sealed class ChatCompletionRequest
{
    public string? Model { get; set; }
    public List<ChatMessage>? Messages { get; set; }
    public bool? Stream { get; set; }
    public StreamOptions? StreamOptions { get; set; }
    public int? MaxTokens { get; set; }
    public int? MaxCompletionTokens { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public int? N { get; set; }
    public StopSequences? Stop { get; set; }
    public double? PresencePenalty { get; set; }
    public double? FrequencyPenalty { get; set; }
    public JsonElement? LogitBias { get; set; }
    public bool? Logprobs { get; set; }
    public int? TopLogprobs { get; set; }
    public long? Seed { get; set; }
    public string? User { get; set; }
    public List<ChatTool>? Tools { get; set; }
    public ToolChoice? ToolChoice { get; set; }
    public bool? ParallelToolCalls { get; set; }
    public ResponseFormat? ResponseFormat { get; set; }
    public string? ReasoningEffort { get; set; }
    public JsonElement? Metadata { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>A shallow copy: the routing layer rewrites <see cref="Model"/> and stream options per attempt.</summary>
    public ChatCompletionRequest ShallowCopy() => (ChatCompletionRequest)MemberwiseClone();
}
