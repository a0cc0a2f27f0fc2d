namespace Junction.Keys;

/// <summary>
/// The limits a key, team or user carries. Null members do not limit. The tightest applying limit wins: a request
/// must pass the key's, its team's and its user's limits.
/// </summary>
public sealed record LimitSet
{
    public static readonly LimitSet None = new();

    /// <summary>USD that may be spent per <see cref="BudgetPeriod"/>.</summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary><c>daily</c>, <c>weekly</c>, <c>monthly</c> (UTC) or <c>total</c> (never resets); <c>monthly</c> when null.</summary>
    public string? BudgetPeriod { get; init; }

    /// <summary>Requests per minute (sliding 60-second window).</summary>
    public int? Rpm { get; init; }

    /// <summary>Tokens per minute (sliding 60-second window, counted from reported usage).</summary>
    public int? Tpm { get; init; }

    /// <summary>Requests in flight at once.</summary>
    public int? MaxParallel { get; init; }

    public bool HasBudget => BudgetUsd is not null;

    public bool HasRateLimit => Rpm is not null || Tpm is not null || MaxParallel is not null;
}
