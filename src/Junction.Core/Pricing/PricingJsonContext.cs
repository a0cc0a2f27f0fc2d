using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Pricing;

/// <summary>Source-generated reading of <c>prices.json</c>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PriceFile))]
internal sealed partial class PricingJsonContext : JsonSerializerContext;
