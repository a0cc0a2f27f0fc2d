using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;
using Junction.Migration;

namespace Junction.Server.Migration;

/// <summary>
/// Validates shadow and replay outputs against the request's <c>response_format</c> JSON Schema with JsonSchema.Net
/// (a maintained, spec-complete validator). Parsed schemas are cached by their text, since every request of a feature
/// tends to send the same one.
/// </summary>
public sealed class JsonSchemaValidator : ISchemaValidator
{
    private readonly ConcurrentDictionary<string, JsonSchema?> _schemas = new(StringComparer.Ordinal);

    public bool IsValid(JsonElement schema, JsonElement value)
    {
        var compiled = _schemas.GetOrAdd(schema.GetRawText(), static text =>
        {
            try
            {
                return JsonSchema.FromText(text);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                return null;
            }
        });
        return compiled is not null && compiled.Evaluate(value).IsValid;
    }
}
