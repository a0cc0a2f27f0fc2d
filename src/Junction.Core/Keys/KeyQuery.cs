namespace Junction.Keys;

/// <summary>Filters for listing keys; ordered by creation, <see cref="Limit"/> rows after <see cref="Offset"/>.</summary>
public sealed record KeyQuery
{
    public string? TeamId { get; init; }

    public string? UserId { get; init; }

    public bool IncludeRevoked { get; init; } = true;

    public int Offset { get; init; }

    public int Limit { get; init; } = 100;
}
