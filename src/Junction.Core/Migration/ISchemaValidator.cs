using System.Text.Json;

namespace Junction.Migration;

/// <summary>Validates a JSON value against a JSON Schema (the <c>response_format.json_schema.schema</c> of a request).</summary>
public interface ISchemaValidator
{
    bool IsValid(JsonElement schema, JsonElement value);
}
