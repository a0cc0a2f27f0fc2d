using Junction.Budgets;
using Junction.Configuration;
using Junction.RateLimiting;

namespace Junction.Keys;

/// <summary>
/// Everything virtual keys need at run time: the store, the key resolver (cache), the rate limiter, the budget ledger
/// and the key-change events, either per instance (in memory) or shared through Redis. Built by the host.
/// </summary>
public sealed class GovernanceServices : IAsyncDisposable
{
    private readonly IAsyncDisposable[] _owned;

    public GovernanceServices(
        IGovernanceStore store, IRateLimiter limiter, IBudgetLedger ledger, IKeyEvents events,
        GovernanceOptions options, TimeProvider timeProvider, bool shared, params IAsyncDisposable[] owned)
    {
        Store = store;
        Limiter = limiter;
        Ledger = ledger;
        Events = events;
        Options = options;
        TimeProvider = timeProvider;
        Shared = shared;
        Resolver = new KeyResolver(store, events, timeProvider, TimeSpan.FromSeconds(options.KeyCacheTtlS));
        _owned = owned;
    }

    public IGovernanceStore Store { get; }

    public IRateLimiter Limiter { get; }

    public IBudgetLedger Ledger { get; }

    public IKeyEvents Events { get; }

    public KeyResolver Resolver { get; }

    public GovernanceOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>True when limits and budgets are shared by all instances (Redis).</summary>
    public bool Shared { get; }

    /// <summary>Called with failures that must not fail a request (settling, persisting spend).</summary>
    public Action<Exception>? OnError { get; init; }

    /// <summary>The per-instance services: in-memory limiter and ledger (spend persisted to the store), local events.</summary>
    public static GovernanceServices InMemory(IGovernanceStore store, GovernanceOptions options, TimeProvider timeProvider, Action<Exception>? onError = null)
    {
        var writer = new SpendWriter(store, onError);
        return new GovernanceServices(store, new InMemoryRateLimiter(timeProvider), new InMemoryBudgetLedger(timeProvider, store, writer),
            new LocalKeyEvents(), options, timeProvider, shared: false, writer, store)
        {
            OnError = onError,
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }
    }
}
