namespace Junction.Keys;

/// <summary>
/// A virtual key as stored: never the secret, only its SHA-256 (<see cref="KeyHash"/>, lowercase hex) and a short
/// <see cref="Hint"/> (<c>sk-jn-…wxyz</c>) so people can tell keys apart.
/// </summary>
public sealed record VirtualKey
{
    public required string Id { get; init; }

    public required string KeyHash { get; init; }

    public required string Hint { get; init; }

    public string? Name { get; init; }

    public string? TeamId { get; init; }

    public string? UserId { get; init; }

    public string Role { get; init; } = Roles.Caller;

    /// <summary>Allowed public model names or patterns (<c>gpt-4o*</c>, <c>*</c>); empty allows every model.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    public DateTimeOffset? ExpiresAt { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public LimitSet Limits { get; init; } = LimitSet.None;

    public bool Enabled { get; init; } = true;

    public DateTimeOffset? RevokedAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Why the key cannot be used at <paramref name="now"/>, or null when it can.</summary>
    public string? Refusal(DateTimeOffset now) =>
        RevokedAt is not null ? "revoked"
        : !Enabled ? "disabled"
        : ExpiresAt is { } expires && expires <= now ? "expired"
        : null;
}
