using System.Collections.Concurrent;
using Junction.Budgets;
using StackExchange.Redis;

namespace Junction.Redis;

/// <summary>
/// <see cref="IBudgetLedger"/> shared by every instance: one Lua script reserves in all windows of a request or in none,
/// another settles. A window's counter is seeded from the store's persisted spend the first time this instance uses
/// it (<c>HSETNX</c>, so it never overwrites), and expires a day after its window ends. Reservations expire after
/// <see cref="ReservationTtl"/>, so a crashed instance cannot hold budget forever. Settled spend is also persisted to
/// the store through the <see cref="SpendWriter"/>.
/// </summary>
internal sealed class RedisBudgetLedger : IBudgetLedger
{
    public static readonly TimeSpan ReservationTtl = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<BudgetWindow, long> _seeds = new();
    private readonly IDatabase _database;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _timeProvider;
    private readonly IBudgetSpendStore _store;
    private readonly SpendWriter _writer;

    public RedisBudgetLedger(IDatabase database, RedisKeys keys, TimeProvider timeProvider, IBudgetSpendStore store, SpendWriter writer)
    {
        _database = database;
        _keys = keys;
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
        var args = new List<RedisValue> { id, estimateNanos, (long)ReservationTtl.TotalMilliseconds, scopes.Count };
        for (var i = 0; i < scopes.Count; i++)
        {
            args.Add(scopes[i].LimitNanos);
            args.Add(await SeedAsync(windows[i], cancellationToken).ConfigureAwait(false));
            args.Add(BudgetPeriods.WindowEnd(scopes[i].Period, now) is { } end ? end.AddDays(1).ToUnixTimeSeconds() : 0);
        }

        var denied = (int)(long)(await _database.ScriptEvaluateAsync(RedisScripts.Reserve, Keys(windows), [.. args]).ConfigureAwait(false));
        return denied == 0
            ? new BudgetReservation(id, windows, estimateNanos)
            : new BudgetReservation(id, [], 0) { DeniedScope = scopes[denied - 1].Scope, ResetsAt = BudgetPeriods.WindowEnd(scopes[denied - 1].Period, now) };
    }

    public async ValueTask SettleAsync(BudgetReservation reservation, long actualNanos, CancellationToken cancellationToken)
    {
        if (reservation.Windows.Count == 0)
        {
            return;
        }

        await _database.ScriptEvaluateAsync(RedisScripts.Settle, Keys(reservation.Windows), [reservation.Id, actualNanos, reservation.Windows.Count])
            .ConfigureAwait(false);
        if (actualNanos > 0)
        {
            await _writer.AddAsync(reservation.Windows, actualNanos, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<long> GetSpentAsync(BudgetScope scope, CancellationToken cancellationToken)
    {
        var window = scope.WindowAt(_timeProvider.GetUtcNow());
        var spent = await _database.HashGetAsync(_keys.Budget(window.Scope, window.Start), "spent").ConfigureAwait(false);
        return spent.HasValue ? (long)spent : await SeedAsync(window, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<long> SeedAsync(BudgetWindow window, CancellationToken cancellationToken)
    {
        if (_seeds.TryGetValue(window, out var seed))
        {
            return seed;
        }

        seed = await _store.GetSpentAsync(window, cancellationToken).ConfigureAwait(false);
        _seeds.TryAdd(window, seed);
        return seed;
    }

    private RedisKey[] Keys(IReadOnlyList<BudgetWindow> windows) =>
        [.. windows.SelectMany(w => new RedisKey[] { _keys.Budget(w.Scope, w.Start), _keys.Reservations(w.Scope, w.Start) })];
}
