using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Protocol.OpenAI;

/// <summary>
/// <c>tool_choice</c>: a mode string (<c>none</c>, <c>auto</c>, <c>required</c>) or an object such as
/// <c>{"type":"function","function":{"name":"x"}}</c>. Objects are kept verbatim in <see cref="Raw"/>.
/// </summary>
[JsonConverter(typeof(ToolChoiceConverter))]
public sealed class ToolChoice
{
    private ToolChoice(string? mode, string? functionName, JsonElement? raw)
    {
        Mode = mode;
        FunctionName = functionName;
        Raw = raw;
    }

    /// <summary>The mode when sent as a string.</summary>
    public string? Mode { get; }

    /// <summary>The forced function's name when sent as <c>{"type":"function","function":{"name":...}}</c>.</summary>
    public string? FunctionName { get; }

    /// <summary>The object form as the client sent it.</summary>
    public JsonElement? Raw { get; }

    public static ToolChoice FromMode(string mode) => new(mode, null, null);

    public static ToolChoice FromObject(JsonElement raw)
    {
        string? name = null;
        if (raw.TryGetProperty("function"u8, out var function) && function.ValueKind == JsonValueKind.Object &&
            function.TryGetProperty("name"u8, out var nameElement) && nameElement.ValueKind == JsonValueKind.String)
        {
            name = nameElement.GetString();
        }

        return new ToolChoice(null, name, raw);
    }

    public static ToolChoice ForFunction(string name) =>
        FromObject(JsonSerializer.SerializeToElement(
            new Dictionary<string, JsonElement>
            {
                ["type"] = JsonSerializer.SerializeToElement("function", OpenAIJsonContext.Wire.String),
                ["function"] = JsonSerializer.SerializeToElement(
                    new Dictionary<string, string> { ["name"] = name }, OpenAIJsonContext.Wire.DictionaryStringString),
            },
            OpenAIJsonContext.Wire.DictionaryStringJsonElement));
}
