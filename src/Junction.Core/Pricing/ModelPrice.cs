namespace Junction.Pricing;

/// <summary>
/// What a model costs, in USD per 1M tokens. <see cref="CachedInputPer1M"/> null means cached input costs the same as input.
/// Later price kinds (per image, per audio second) are added as further optional members.
/// </summary>
public sealed record ModelPrice(decimal InputPer1M, decimal OutputPer1M, decimal? CachedInputPer1M = null);
