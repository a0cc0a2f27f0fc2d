using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Providers.Bedrock;

/// <summary><c>output</c> of a Converse response: a union whose only member is <c>message</c>.</summary>
internal sealed class ConverseOutput
{
    public ConverseMessage? Message { get; set; }

    /// <summary>Members this type does not model, kept so nothing is lost on a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
