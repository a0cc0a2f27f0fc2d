namespace Junction.Budgets;

/// <summary>
/// Budget counters with reserve-then-settle. A request is admitted while, in every applying window,
/// <c>spent + reserved &lt; limit</c> (there is money not yet promised); it then holds its estimate until it settles.
/// So concurrent requests overrun a budget by at most the reservations in flight when it ran out (plus any excess of
/// a real cost over its estimate). Reserve is atomic across all scopes of a request.
/// </summary>
public interface IBudgetLedger
{
    /// <summary>Reserves <paramref name="estimateNanos"/> in every scope's current window, or none of them.</summary>
    ValueTask<BudgetReservation> ReserveAsync(IReadOnlyList<BudgetScope> scopes, long estimateNanos, CancellationToken cancellationToken);

    /// <summary>Replaces the reservation with the real cost (0 releases it). Idempotent per reservation.</summary>
    ValueTask SettleAsync(BudgetReservation reservation, long actualNanos, CancellationToken cancellationToken);

    /// <summary>What has been spent (settled) in the scope's current window.</summary>
    ValueTask<long> GetSpentAsync(BudgetScope scope, CancellationToken cancellationToken);
}
