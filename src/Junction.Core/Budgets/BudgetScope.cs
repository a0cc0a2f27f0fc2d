namespace Junction.Budgets;

/// <summary>
/// One budget a request must fit in: <see cref="Scope"/> names the owner (<c>key:ID</c>, <c>team:ID</c>, <c>user:ID</c>),
/// <see cref="LimitNanos"/> is the budget per <see cref="Period"/>.
/// </summary>
public sealed record BudgetScope(string Scope, long LimitNanos, string Period)
{
    /// <summary>The counter key of this scope's window at <paramref name="now"/>: the scope and the window start in Unix seconds.</summary>
    public BudgetWindow WindowAt(DateTimeOffset now) => new(Scope, BudgetPeriods.WindowStart(Period, now).ToUnixTimeSeconds());
}
