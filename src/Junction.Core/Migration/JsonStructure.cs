using System.Text.Json;

namespace Junction.Migration;

/// <summary>
/// Structural comparison of two JSON outputs: whether each parses, and whether both have the same structure — the same
/// keys at every level and the same value kinds (string, number, boolean, null, object, array), values themselves
/// ignored. Arrays match when every element of both has one common structure (an empty array matches any array).
/// </summary>
public static class JsonStructure
{
    public static bool TryParse(string? text, out JsonElement element)
    {
        element = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            element = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static bool SameStructure(JsonElement a, JsonElement b)
    {
        if (Kind(a) != Kind(b))
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var keysA = a.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                var keysB = b.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                return keysA.SequenceEqual(keysB, StringComparer.Ordinal) &&
                       keysA.All(k => SameStructure(a.GetProperty(k), b.GetProperty(k)));
            case JsonValueKind.Array:
                var all = a.EnumerateArray().Concat(b.EnumerateArray()).ToList();
                return all.Count == 0 || all.All(e => SameStructure(e, all[0]));
            default:
                return true;
        }
    }

    private static JsonValueKind Kind(JsonElement element) =>
        element.ValueKind is JsonValueKind.True or JsonValueKind.False ? JsonValueKind.True : element.ValueKind;
}
