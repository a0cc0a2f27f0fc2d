using Junction.Routing;

namespace Junction.RateLimiting;

/// <summary>
/// The per-instance limiter (no Redis): one-second buckets over the last minute (<see cref="SlidingWindowCounter"/>)
/// and an in-flight count per scope, checked and updated under one lock so a request is admitted by all scopes or none.
/// Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class InMemoryRateLimiter : IRateLimiter
{
    private readonly Dictionary<string, ScopeState> _scopes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;

    public InMemoryRateLimiter(TimeProvider timeProvider) => _timeProvider = timeProvider;

    public ValueTask<RateLimitLease> AcquireAsync(IReadOnlyList<RateScope> scopes, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            var states = scopes.Select(s => State(s.Scope)).ToArray();
            for (var i = 0; i < scopes.Count; i++)
            {
                if (Refusal(scopes[i], states[i], now) is { } refusal)
                {
                    return ValueTask.FromResult(new RateLimitLease(id, scopes)
                    {
                        DeniedScope = scopes[i].Scope,
                        DeniedLimit = refusal.Limit,
                        RetryAfter = refusal.RetryAfter,
                        Snapshot = Snapshot(scopes, states, now),
                    });
                }
            }

            foreach (var state in states)
            {
                state.Requests.Add(now, 1);
                state.InFlight++;
            }

            _open.Add(id);
            return ValueTask.FromResult(new RateLimitLease(id, scopes) { Snapshot = Snapshot(scopes, states, now) });
        }
    }

    public ValueTask CompleteAsync(RateLimitLease lease, long tokens, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (!_open.Remove(lease.Id))
            {
                return ValueTask.CompletedTask;
            }

            foreach (var scope in lease.Scopes)
            {
                var state = State(scope.Scope);
                state.InFlight--;
                if (tokens > 0)
                {
                    state.Tokens.Add(now, tokens);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    private static (string Limit, TimeSpan RetryAfter)? Refusal(RateScope scope, ScopeState state, DateTimeOffset now)
    {
        if (scope.Rpm is { } rpm && state.Requests.Sum(now) >= rpm)
        {
            return (RateLimitNames.Rpm, state.Requests.UntilOldestExpires(now));
        }

        if (scope.Tpm is { } tpm && state.Tokens.Sum(now) >= tpm)
        {
            return (RateLimitNames.Tpm, state.Tokens.UntilOldestExpires(now));
        }

        if (scope.MaxParallel is { } max && state.InFlight >= max)
        {
            return (RateLimitNames.MaxParallel, TimeSpan.FromSeconds(1));
        }

        return null;
    }

    private static RateLimitSnapshot Snapshot(IReadOnlyList<RateScope> scopes, ScopeState[] states, DateTimeOffset now) =>
        RateLimitSnapshots.From(scopes, [.. states.Select(s => (s.Requests.Sum(now), s.Tokens.Sum(now),
            s.Requests.UntilOldestExpires(now), s.Tokens.UntilOldestExpires(now)))]);

    private ScopeState State(string scope)
    {
        if (!_scopes.TryGetValue(scope, out var state))
        {
            state = new ScopeState();
            _scopes[scope] = state;
        }

        return state;
    }

    private sealed class ScopeState
    {
        public SlidingWindowCounter Requests { get; } = new();

        public SlidingWindowCounter Tokens { get; } = new();

        public int InFlight { get; set; }
    }
}
