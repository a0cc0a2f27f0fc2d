using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>OpenAI's error object. <c>param</c> and <c>code</c> are always written, null or not.</summary>
public sealed class ErrorBody
{
    public string Message { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Type { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Param { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Code { get; set; }

    /// <summary>The upstream provider that produced the error, when one did.</summary>
    public string? Provider { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
