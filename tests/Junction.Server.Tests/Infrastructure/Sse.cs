using System.Text.Json;

namespace Junction.Server.Tests.Infrastructure;

/// <summary>Splits an SSE body into its <c>data:</c> payloads.</summary>
public static class Sse
{
    public static async Task<List<string>> ReadDataAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return Parse(text);
    }

    public static List<string> Parse(string text) =>
        [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(e => e.StartsWith("data: ", StringComparison.Ordinal)).Select(e => e["data: ".Length..])];

    public static string ContentOf(IEnumerable<string> events) =>
        string.Concat(events.Where(e => e != "[DONE]").Select(e =>
        {
            using var doc = JsonDocument.Parse(e);
            var choices = doc.RootElement.TryGetProperty("choices", out var c) ? c : default;
            return choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0 &&
                   choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
                ? content.GetString()
                : "";
        }));
}
