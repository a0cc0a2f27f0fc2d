using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Junction.Extensions.AI;

/// <summary>Small JSON values written by hand (no reflection, no extra serializer context).</summary>
internal static class JsonObjects
{
    /// <summary>An object whose members <paramref name="writeBody"/> writes.</summary>
    public static JsonElement Write(Action<Utf8JsonWriter> writeBody)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// A value as compact JSON text with M.E.AI's serializer options (which indent by default): tool-call arguments and
    /// tool results. Types those options do not know need reflection, as they do in M.E.AI's own clients.
    /// </summary>
    public static string Compact(object? value, Type type)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = AIJsonUtilities.DefaultOptions.Encoder }))
        {
            JsonSerializer.Serialize(writer, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(type));
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An array of strings.</summary>
    public static JsonElement StringArray(IEnumerable<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
