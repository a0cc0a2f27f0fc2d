namespace Junction.Keys;

/// <summary>A team: keys and users belong to at most one; its limits apply to all of them together.</summary>
public sealed record Team
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public LimitSet Limits { get; init; } = LimitSet.None;

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
