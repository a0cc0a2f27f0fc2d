namespace Junction.Budgets;

/// <summary>Where settled spend per budget window is persisted, so budgets survive restarts (the governance database).</summary>
public interface IBudgetSpendStore
{
    Task<long> GetSpentAsync(BudgetWindow window, CancellationToken cancellationToken);

    /// <summary>Adds to each window's spend (one upsert per window: <c>INSERT ... ON CONFLICT DO UPDATE SET spent = spent + ...</c>).</summary>
    Task AddSpentAsync(IReadOnlyList<(BudgetWindow Window, long Nanos)> amounts, CancellationToken cancellationToken);
}
