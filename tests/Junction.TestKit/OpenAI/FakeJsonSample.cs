using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Junction.TestKit.OpenAI;

/// <summary>
/// Builds a deterministic sample value for a JSON Schema: objects get their <c>required</c> properties (all
/// properties when there is no <c>required</c>), strings <c>"sample"</c>, integers 1, numbers 1.5, booleans true,
/// arrays one sample item; <c>const</c>, the first <c>enum</c> value and the first <c>anyOf</c>/<c>oneOf</c> branch win.
/// </summary>
internal static class FakeJsonSample
{
    private const int MaxDepth = 8;

    /// <summary>Compact JSON text of a sample object for <paramref name="schema"/> (<c>{}</c> when it has none).</summary>
    public static string ObjectText(JsonElement? schema)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, FakeJson.WriterOptions))
        {
            if (schema is { ValueKind: JsonValueKind.Object } s)
            {
                WriteObject(writer, s, 0);
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement schema, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            writer.WriteNullValue();
            return;
        }

        if (schema.TryGetProperty("const", out JsonElement constant))
        {
            constant.WriteTo(writer);
            return;
        }

        if (schema.TryGetProperty("enum", out JsonElement values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            values[0].WriteTo(writer);
            return;
        }

        foreach (string combinator in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (schema.TryGetProperty(combinator, out JsonElement branches)
                && branches.ValueKind == JsonValueKind.Array
                && branches.GetArrayLength() > 0)
            {
                WriteValue(writer, FirstNonNullBranch(branches), depth + 1);
                return;
            }
        }

        switch (TypeOf(schema))
        {
            case "string":
                writer.WriteStringValue("sample");
                break;
            case "integer":
                writer.WriteNumberValue(1);
                break;
            case "number":
                writer.WriteNumberValue(1.5);
                break;
            case "boolean":
                writer.WriteBooleanValue(true);
                break;
            case "array":
                writer.WriteStartArray();
                if (schema.TryGetProperty("items", out JsonElement items) && items.ValueKind == JsonValueKind.Object)
                {
                    WriteValue(writer, items, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case "object":
                WriteObject(writer, schema, depth);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement schema, int depth)
    {
        writer.WriteStartObject();
        if (schema.TryGetProperty("properties", out JsonElement properties) && properties.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out JsonElement required) && required.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement name in required.EnumerateArray())
                {
                    if (name.ValueKind == JsonValueKind.String)
                    {
                        string key = name.GetString()!;
                        writer.WritePropertyName(key);
                        WriteValue(writer, properties.TryGetProperty(key, out JsonElement p) ? p : default, depth + 1);
                    }
                }
            }
            else
            {
                foreach (JsonProperty property in properties.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteValue(writer, property.Value, depth + 1);
                }
            }
        }

        writer.WriteEndObject();
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out JsonElement type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString();
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement t in type.EnumerateArray())
            {
                if (t.ValueKind == JsonValueKind.String && t.GetString() != "null")
                {
                    return t.GetString();
                }
            }
        }

        return null;
    }

    private static JsonElement FirstNonNullBranch(JsonElement branches)
    {
        foreach (JsonElement branch in branches.EnumerateArray())
        {
            if ((TypeOf(branch) is { } type && type != "null") || branch.TryGetProperty("enum", out _) || branch.TryGetProperty("const", out _))
            {
                return branch;
            }
        }

        return branches[0];
    }
}
