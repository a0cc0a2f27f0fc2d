using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>Converse / ConverseStream request body. The model id travels in the path, never here.</summary>
internal sealed class ConverseRequest
{
    public List<ConverseMessage> Messages { get; set; } = [];

    public List<SystemContentBlock>? System { get; set; }

    public InferenceConfiguration? InferenceConfig { get; set; }

    public ToolConfiguration? ToolConfig { get; set; }

    public GuardrailConfiguration? GuardrailConfig { get; set; }

    /// <summary>Model-native extras (<c>top_k</c>, Claude <c>thinking</c>, ...), sent as a JSON document.</summary>
    public JsonElement? AdditionalModelRequestFields { get; set; }

    public List<string>? AdditionalModelResponseFieldPaths { get; set; }

    public Dictionary<string, string>? RequestMetadata { get; set; }

    public PerformanceConfiguration? PerformanceConfig { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
