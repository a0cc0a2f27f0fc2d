using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary><c>response_format</c>: text, json_object, or json_schema (schema kept verbatim).</summary>
public sealed class ResponseFormat
{
    public string? Type { get; set; }
    public JsonElement? JsonSchema { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
