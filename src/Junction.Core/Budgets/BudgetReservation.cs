namespace Junction.Budgets;

/// <summary>
/// The outcome of a reservation. When <see cref="Granted"/>, <see cref="EstimateNanos"/> is held in every window
/// until <c>SettleAsync</c> replaces it with the real cost. When refused, <see cref="DeniedScope"/> names the budget
/// that has no room and <see cref="ResetsAt"/> says when its window ends (null for <c>total</c>).
/// </summary>
public sealed record BudgetReservation(string Id, IReadOnlyList<BudgetWindow> Windows, long EstimateNanos)
{
    public bool Granted => DeniedScope is null;

    public string? DeniedScope { get; init; }

    public DateTimeOffset? ResetsAt { get; init; }

    /// <summary>A reservation that holds nothing (no budget applies).</summary>
    public static BudgetReservation Empty(string id) => new(id, [], 0);
}
