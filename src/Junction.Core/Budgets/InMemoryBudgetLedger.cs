namespace Junction.Budgets;

/// <summary>
/// The per-instance ledger (no Redis): counters in memory under one lock, so reserve is atomic across scopes.
/// A window's spend is loaded once from <see cref="IBudgetSpendStore"/> on first use, and settled costs are written
/// back through <see cref="SpendWriter"/> (batched, off the request path). With several instances and no Redis, each
/// instance enforces the budget against its own view (documented).
/// </summary>
public sealed class InMemoryBudgetLedger : IBudgetLedger
{
    private readonly Dictionary<BudgetWindow, Counter> _counters = [];
    private readonly Dictionary<string, (BudgetWindow[] Windows, long Nanos)> _open = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly IBudgetSpendStore? _store;
    private readonly SpendWriter? _writer;

    public InMemoryBudgetLedger(TimeProvider timeProvider, IBudgetSpendStore? store = null, SpendWriter? writer = null)
    {
        _timeProvider = timeProvider;
        _store = store;
        _writer = writer;
    }

    public async ValueTask<BudgetReservation> ReserveAsync(IReadOnlyList<BudgetScope> scopes, long estimateNanos, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        if (scopes.Count == 0)
        {
            return BudgetReservation.Empty(id);
        }

        var now = _timeProvider.GetUtcNow();
        var windows = scopes.Select(s => s.WindowAt(now)).ToArray();
        await LoadMissingAsync(windows, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            for (var i = 0; i < scopes.Count; i++)
            {
                var counter = _counters[windows[i]];
                if (counter.Spent + counter.Reserved >= scopes[i].LimitNanos)
                {
                    return new BudgetReservation(id, [], 0)
                    {
                        DeniedScope = scopes[i].Scope,
                        ResetsAt = BudgetPeriods.WindowEnd(scopes[i].Period, now),
                    };
                }
            }

            foreach (var window in windows)
            {
                _counters[window].Reserved += estimateNanos;
            }

            _open[id] = (windows, estimateNanos);
        }

        return new BudgetReservation(id, windows, estimateNanos);
    }

    public async ValueTask SettleAsync(BudgetReservation reservation, long actualNanos, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_open.Remove(reservation.Id, out var open))
            {
                return;
            }

            foreach (var window in open.Windows)
            {
                var counter = _counters[window];
                counter.Reserved -= open.Nanos;
                counter.Spent += actualNanos;
            }
        }

        if (actualNanos > 0 && _writer is not null)
        {
            await _writer.AddAsync(reservation.Windows, actualNanos, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<long> GetSpentAsync(BudgetScope scope, CancellationToken cancellationToken)
    {
        var window = scope.WindowAt(_timeProvider.GetUtcNow());
        await LoadMissingAsync([window], cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            return _counters[window].Spent;
        }
    }

    private async Task LoadMissingAsync(BudgetWindow[] windows, CancellationToken cancellationToken)
    {
        foreach (var window in windows)
        {
            bool known;
            lock (_lock)
            {
                known = _counters.ContainsKey(window);
            }

            if (known)
            {
                continue;
            }

            var spent = _store is null ? 0 : await _store.GetSpentAsync(window, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                _counters.TryAdd(window, new Counter { Spent = spent });
            }
        }
    }

    private sealed class Counter
    {
        public long Spent;
        public long Reserved;
    }
}
