using System.Text.Json;
using Junction.Protocol.OpenAI;

namespace Junction.Migration;

/// <summary>
/// Whether two answers called the same tools with equivalent arguments: the same multiset of function names, each
/// paired with arguments that are equal as JSON (key order and number spelling ignored; <c>1</c> equals <c>1.0</c>).
/// Call ids and order are ignored; unparseable arguments compare as text.
/// </summary>
public static class ToolCallComparison
{
    public static bool Equivalent(IReadOnlyList<ToolCall>? a, IReadOnlyList<ToolCall>? b)
    {
        var left = Canonical(a);
        var right = Canonical(b);
        return left.SequenceEqual(right, StringComparer.Ordinal);
    }

    private static List<string> Canonical(IReadOnlyList<ToolCall>? calls) =>
        [.. (calls ?? []).Select(c => (c.Function?.Name ?? "") + "\u0000" + CanonicalJson(c.Function?.Arguments)).Order(StringComparer.Ordinal)];

    /// <summary>JSON text with object keys sorted and numbers normalised, so equivalent values have equal text.</summary>
    public static string CanonicalJson(string? text)
    {
        if (!JsonStructure.TryParse(text, out var element))
        {
            return (text ?? "").Trim();
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, element);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                writer.WriteNumberValue(integer);
                break;
            case JsonValueKind.Number:
                writer.WriteNumberValue(element.GetDouble());
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
