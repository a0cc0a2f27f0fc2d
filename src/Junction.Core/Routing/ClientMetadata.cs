using System.Globalization;
using System.Text.Json;
using Junction.Resilience;

namespace Junction.Routing;

/// <summary>
/// Client metadata — tags such as tenant or feature — from the <c>x-junction-metadata</c> header (a JSON object) or a
/// request body's <c>metadata</c>. Values are strings (numbers and booleans are turned into text); at most 16 keys of
/// up to 64 characters, values up to 512. It feeds spend tags and sticky rollouts (<c>sticky_by: metadata.tenant</c>).
/// </summary>
public static class ClientMetadata
{
    public const string HeaderName = "x-junction-metadata";
    public const int MaxKeys = 16;

    /// <summary>Parses the header; a malformed one is a 400 naming the problem.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return FromElement(document.RootElement) ?? throw Invalid("must be a JSON object of string values");
        }
        catch (JsonException)
        {
            throw Invalid("is not valid JSON");
        }
    }

    /// <summary>Reads a JSON object of scalar values; null when the element is not such an object.</summary>
    public static Dictionary<string, string>? FromElement(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
            if (value is null || property.Name.Length is 0 or > 64 || value.Length > 512 || result.Count == MaxKeys)
            {
                return null;
            }

            result[property.Name] = value;
        }

        return result;
    }

    private static JunctionException Invalid(string problem) =>
        new(JunctionErrors.InvalidRequest(
            string.Create(CultureInfo.InvariantCulture, $"The {HeaderName} header {problem} (at most {MaxKeys} keys of up to 64 characters, values up to 512)."),
            HeaderName, "invalid_metadata"));
}
