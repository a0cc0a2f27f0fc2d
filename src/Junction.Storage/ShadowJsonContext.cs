using System.Text.Json;
using System.Text.Json.Serialization;
using Junction.Migration;

namespace Junction.Storage;

/// <summary>Source-generated JSON for the <c>shadow_pairs</c> columns that hold JSON (comparisons, content).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ShadowComparisons))]
[JsonSerializable(typeof(ShadowContent))]
internal sealed partial class ShadowJsonContext : JsonSerializerContext;
