using System.Collections.Frozen;
using System.Text.Json;

namespace Junction.Pricing;

/// <summary>
/// Published list prices by upstream model id, from the embedded <c>prices.json</c> (see <see cref="TakenOn"/> for when they
/// were taken). Immutable; per-deployment overrides in the config win over it (<see cref="CostCalculator"/>).
/// </summary>
public sealed class PriceTable
{
    private readonly FrozenDictionary<string, ModelPrice> _prices;

    private PriceTable(string takenOn, FrozenDictionary<string, ModelPrice> prices)
    {
        TakenOn = takenOn;
        _prices = prices;
    }

    /// <summary>The table shipped with Junction.</summary>
    public static PriceTable Shipped { get; } = LoadShipped();

    /// <summary>The date (ISO 8601) the shipped prices were taken from the providers' price pages.</summary>
    public string TakenOn { get; }

    public int Count => _prices.Count;

    /// <summary>The listed price of exactly this model id (no prefix stripping).</summary>
    public bool TryFind(string modelId, out ModelPrice price) => _prices.TryGetValue(modelId, out price!);

    /// <summary>
    /// The price of a Bedrock model id or inference profile: the profile's own entry when listed (cross-region and global
    /// profiles can cost more or less than the base model), else the base model's once a known profile prefix
    /// (<see cref="BedrockProfilePrefixes"/>) is removed.
    /// </summary>
    public bool TryFindBedrock(string modelId, out ModelPrice price)
    {
        if (_prices.TryGetValue(modelId, out price!))
        {
            return true;
        }

        foreach (var prefix in BedrockProfilePrefixes)
        {
            if (modelId.StartsWith(prefix, StringComparison.Ordinal))
            {
                return _prices.TryGetValue(modelId[prefix.Length..], out price!);
            }
        }

        return false;
    }

    /// <summary>The prefixes of Bedrock cross-region inference profiles.</summary>
    public static readonly IReadOnlyList<string> BedrockProfilePrefixes = ["us-gov.", "us.", "eu.", "apac.", "ap.", "jp.", "au.", "ca.", "global."];

    internal static PriceTable Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize(json, PricingJsonContext.Default.PriceFile)
            ?? throw new InvalidDataException("prices.json is empty.");
        var prices = file.Models.ToFrozenDictionary(
            static e => e.Key,
            static e => new ModelPrice(e.Value.Input ?? 0m, e.Value.Output ?? 0m, e.Value.CachedInput)
            {
                ImagePrices = e.Value.Image?.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
                AudioPerMinute = e.Value.AudioPerMinute,
            },
            StringComparer.Ordinal);
        return new PriceTable(file.TakenOn, prices);
    }

    private static PriceTable LoadShipped()
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream("Junction.Pricing.prices.json")
            ?? throw new InvalidOperationException("The embedded prices.json is missing from Junction.Core.");
        return Parse(stream);
    }
}
