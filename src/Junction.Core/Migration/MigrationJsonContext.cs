using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Migration;

/// <summary>Source-generated JSON for recordings and reports (snake_case, relaxed escaping like the wire).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(RecordingEntry))]
[JsonSerializable(typeof(ShadowReport))]
[JsonSerializable(typeof(ShadowPair))]
internal sealed partial class MigrationJsonContext : JsonSerializerContext
{
    public static MigrationJsonContext Relaxed { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
