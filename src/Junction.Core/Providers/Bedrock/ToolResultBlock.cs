using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary>The result of a tool call, sent in a user message; <c>status</c> is <c>success</c> or <c>error</c>.</summary>
internal sealed class ToolResultBlock
{
    public string ToolUseId { get; set; } = "";

    public List<ToolResultContentBlock> Content { get; set; } = [];

    public string? Status { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
