namespace Junction.Pricing;

/// <summary>One model in <c>prices.json</c>, USD per 1M tokens.</summary>
internal sealed class PriceEntry
{
    public decimal Input { get; set; }

    public decimal Output { get; set; }

    public decimal? CachedInput { get; set; }
}
