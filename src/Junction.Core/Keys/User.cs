namespace Junction.Keys;

/// <summary>A person or service that owns keys; its limits apply to all of its keys together.</summary>
public sealed record User
{
    public required string Id { get; init; }

    public string? Email { get; init; }

    public string? TeamId { get; init; }

    public LimitSet Limits { get; init; } = LimitSet.None;

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
