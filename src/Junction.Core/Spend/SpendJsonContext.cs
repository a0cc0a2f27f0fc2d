using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Spend;

/// <summary>Source-generated JSON for the spend outbox (one <see cref="SpendRecord"/> per line) and metadata columns.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SpendRecord))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class SpendJsonContext : JsonSerializerContext;
