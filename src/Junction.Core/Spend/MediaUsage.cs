namespace Junction.Spend;

/// <summary>
/// What an image or audio request used, for pricing where tokens do not apply: images made (with the size and quality
/// asked for) and seconds of audio sent (null when unknown).
/// </summary>
public sealed record MediaUsage
{
    public int Images { get; init; }

    public string? ImageSize { get; init; }

    public string? ImageQuality { get; init; }

    public double? AudioSeconds { get; init; }
}
