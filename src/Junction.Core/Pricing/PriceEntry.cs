namespace Junction.Pricing;

/// <summary>One model in <c>prices.json</c>: USD per 1M tokens, per image (by quality/size) and per audio minute.</summary>
internal sealed class PriceEntry
{
    public decimal? Input { get; set; }

    public decimal? Output { get; set; }

    public decimal? CachedInput { get; set; }

    /// <summary>USD per image keyed <c>quality/size</c>, <c>size</c>, <c>quality</c> or <c>*</c>.</summary>
    public Dictionary<string, decimal>? Image { get; set; }

    public decimal? AudioPerMinute { get; set; }
}
