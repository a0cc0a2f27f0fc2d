using Junction.Budgets;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Tests.Budgets;

public sealed class InMemoryBudgetLedgerTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 15, 23, 59, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reserve_WhileRoomIsLeft_ThenSettle_ReplacesTheEstimateWithTheCost()
    {
        var ledger = new InMemoryBudgetLedger(_clock);
        var scope = new BudgetScope("key:a", 100, BudgetPeriods.Daily);
        var first = await ledger.ReserveAsync([scope], 60, Ct);
        var second = await ledger.ReserveAsync([scope], 60, Ct);  // 0 + 60 < 100: still room
        var third = await ledger.ReserveAsync([scope], 60, Ct);   // 0 + 120 >= 100: none

        Assert.True(first.Granted);
        Assert.True(second.Granted);
        Assert.False(third.Granted);
        Assert.Equal("key:a", third.DeniedScope);
        Assert.Equal(new DateTimeOffset(2025, 6, 16, 0, 0, 0, TimeSpan.Zero), third.ResetsAt);

        await ledger.SettleAsync(first, 10, Ct);
        await ledger.SettleAsync(second, 0, Ct);    // failed request: released
        await ledger.SettleAsync(second, 50, Ct);   // a second settle is ignored
        Assert.Equal(10, await ledger.GetSpentAsync(scope, Ct));
        Assert.True((await ledger.ReserveAsync([scope], 60, Ct)).Granted);
    }

    [Fact]
    public async Task Reserve_TightestScopeWins_AndNothingIsHeldWhenOneRefuses()
    {
        var ledger = new InMemoryBudgetLedger(_clock);
        var key = new BudgetScope("key:a", 1_000, BudgetPeriods.Monthly);
        var team = new BudgetScope("team:t", 50, BudgetPeriods.Monthly);
        var granted = await ledger.ReserveAsync([key, team], 40, Ct);
        await ledger.SettleAsync(granted, 40, Ct);
        var refused = await ledger.ReserveAsync([key, team], 40, Ct);  // team: 40 + 0 < 50 -> admitted
        Assert.True(refused.Granted);
        var none = await ledger.ReserveAsync([key, team], 1, Ct);      // team: 40 + 40 >= 50
        Assert.Equal("team:t", none.DeniedScope);
        await ledger.SettleAsync(refused, 0, Ct);
        Assert.Equal(40, await ledger.GetSpentAsync(key, Ct));
    }

    [Fact]
    public async Task Window_ResetsAtUtcMidnight()
    {
        var ledger = new InMemoryBudgetLedger(_clock);
        var scope = new BudgetScope("key:a", 100, BudgetPeriods.Daily);
        await ledger.SettleAsync(await ledger.ReserveAsync([scope], 100, Ct), 100, Ct);
        Assert.False((await ledger.ReserveAsync([scope], 1, Ct)).Granted);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await ledger.GetSpentAsync(scope, Ct));
        Assert.True((await ledger.ReserveAsync([scope], 1, Ct)).Granted);
    }

    [Fact]
    public async Task ConcurrentReservations_OverrunByAtMostTheReservationsInFlight()
    {
        var ledger = new InMemoryBudgetLedger(_clock);
        var scope = new BudgetScope("key:a", 1_000, BudgetPeriods.Total);
        await ledger.SettleAsync(await ledger.ReserveAsync([scope], 990, Ct), 990, Ct);   // nearly spent: 10 left
        var reservations = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => ledger.ReserveAsync([scope], 4, Ct).AsTask()));
        var granted = reservations.Where(r => r.Granted).ToArray();
        Assert.Equal(3, granted.Length);                                    // 990, 994, 998 < 1000; 1002 is not
        await Task.WhenAll(granted.Select(r => ledger.SettleAsync(r, 4, Ct).AsTask()));
        Assert.Equal(1_002, await ledger.GetSpentAsync(scope, Ct));         // overrun 2 <= 3 reservations of 4
    }

    [Fact]
    public async Task SpentIsLoadedFromTheStore_AndSettledSpendIsWrittenBack()
    {
        var store = new MemorySpendStore();
        var scope = new BudgetScope("key:a", 100, BudgetPeriods.Total);
        await store.AddSpentAsync([(scope.WindowAt(Start), 95)], Ct);
        await using var writer = new SpendWriter(store);
        var ledger = new InMemoryBudgetLedger(_clock, store, writer);
        var reservation = await ledger.ReserveAsync([scope], 3, Ct);
        Assert.True(reservation.Granted);
        await ledger.SettleAsync(reservation, 7, Ct);
        await writer.FlushAsync(Ct);
        Assert.Equal(102, await store.GetSpentAsync(scope.WindowAt(Start), Ct));
        Assert.False((await ledger.ReserveAsync([scope], 1, Ct)).Granted);
    }

    private sealed class MemorySpendStore : IBudgetSpendStore
    {
        private readonly Dictionary<BudgetWindow, long> _spent = [];

        public Task<long> GetSpentAsync(BudgetWindow window, CancellationToken cancellationToken)
        {
            lock (_spent)
            {
                return Task.FromResult(_spent.GetValueOrDefault(window));
            }
        }

        public Task AddSpentAsync(IReadOnlyList<(BudgetWindow Window, long Nanos)> amounts, CancellationToken cancellationToken)
        {
            lock (_spent)
            {
                foreach (var (window, nanos) in amounts)
                {
                    _spent[window] = _spent.GetValueOrDefault(window) + nanos;
                }
            }

            return Task.CompletedTask;
        }
    }
}
