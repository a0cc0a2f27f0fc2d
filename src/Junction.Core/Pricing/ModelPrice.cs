using System.Collections.Frozen;

namespace Junction.Pricing;

/// <summary>
/// What a model costs, in USD. Tokens are priced per 1M (<see cref="CachedInputPer1M"/> null means cached input costs the
/// same as input); images per image, keyed <c>quality/size</c>, <c>size</c> or <c>quality</c> (<see cref="ImagePrice"/>);
/// audio per minute of input audio. A price kind a model lacks is null.
/// </summary>
public sealed record ModelPrice(decimal InputPer1M, decimal OutputPer1M, decimal? CachedInputPer1M = null)
{
    /// <summary>USD per image by <c>quality/size</c>, <c>size</c>, <c>quality</c> or <c>*</c>; null when the model makes no images.</summary>
    public FrozenDictionary<string, decimal>? ImagePrices { get; init; }

    /// <summary>USD per minute of input audio; null when the model is not priced by audio time.</summary>
    public decimal? AudioPerMinute { get; init; }

    /// <summary>
    /// The price of one image: the most specific of <c>quality/size</c>, <c>size</c>, <c>quality</c>, <c>*</c> that is listed.
    /// A missing size means <c>1024x1024</c>. Null when none is listed.
    /// </summary>
    public decimal? ImagePrice(string? size, string? quality)
    {
        if (ImagePrices is not { } prices)
        {
            return null;
        }

        size ??= "1024x1024";
        if (quality is { Length: > 0 } q && prices.TryGetValue(q + "/" + size, out var exact))
        {
            return exact;
        }

        if (prices.TryGetValue(size, out var bySize))
        {
            return bySize;
        }

        if (quality is { Length: > 0 } q2 && prices.TryGetValue(q2, out var byQuality))
        {
            return byQuality;
        }

        return prices.TryGetValue("*", out var any) ? any : null;
    }
}
