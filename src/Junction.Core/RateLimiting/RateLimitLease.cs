namespace Junction.RateLimiting;

/// <summary>
/// The outcome of acquiring: when <see cref="Acquired"/>, the request counted against RPM and holds a parallel slot
/// until <c>CompleteAsync</c>; when refused, <see cref="DeniedScope"/> and <see cref="DeniedLimit"/> (<c>rpm</c>,
/// <c>tpm</c> or <c>max_parallel</c>) say why and <see cref="RetryAfter"/> when to try again.
/// </summary>
public sealed record RateLimitLease(string Id, IReadOnlyList<RateScope> Scopes)
{
    public bool Acquired => DeniedScope is null;

    public string? DeniedScope { get; init; }

    public string? DeniedLimit { get; init; }

    public TimeSpan RetryAfter { get; init; }

    public RateLimitSnapshot? Snapshot { get; init; }
}
