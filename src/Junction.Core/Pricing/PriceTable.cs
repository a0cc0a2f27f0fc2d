using System.Collections.Frozen;
using System.Text.Json;

namespace Junction.Pricing;

/// <summary>
/// Published list prices by upstream model id, from the embedded <c>prices.json</c> (see <see cref="AsOf"/> for when they
/// were taken). Immutable; per-deployment overrides in the config win over it (<see cref="CostCalculator"/>).
/// </summary>
public sealed class PriceTable
{
    private readonly FrozenDictionary<string, ModelPrice> _prices;

    private PriceTable(string asOf, FrozenDictionary<string, ModelPrice> prices)
    {
        AsOf = asOf;
        _prices = prices;
    }

    /// <summary>The table shipped with Junction.</summary>
    public static PriceTable Shipped { get; } = LoadShipped();

    /// <summary>The date (ISO 8601) the shipped prices were taken from the providers' price pages.</summary>
    public string AsOf { get; }

    public int Count => _prices.Count;

    /// <summary>The price of an upstream model id; a Bedrock cross-region profile prefix (<c>us.</c>, <c>eu.</c>, ...) is ignored.</summary>
    public bool TryFind(string modelId, out ModelPrice price)
    {
        if (_prices.TryGetValue(modelId, out price!))
        {
            return true;
        }

        var dot = modelId.IndexOf('.', StringComparison.Ordinal);
        return dot is > 0 and <= 4 && _prices.TryGetValue(modelId[(dot + 1)..], out price!);
    }

    internal static PriceTable Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize(json, PricingJsonContext.Default.PriceFile)
            ?? throw new InvalidDataException("prices.json is empty.");
        var prices = file.Models.ToFrozenDictionary(
            static e => e.Key,
            static e => new ModelPrice(e.Value.Input, e.Value.Output, e.Value.CachedInput),
            StringComparer.Ordinal);
        return new PriceTable(file.AsOf, prices);
    }

    private static PriceTable LoadShipped()
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream("Junction.Pricing.prices.json")
            ?? throw new InvalidOperationException("The embedded prices.json is missing from Junction.Core.");
        return Parse(stream);
    }
}
