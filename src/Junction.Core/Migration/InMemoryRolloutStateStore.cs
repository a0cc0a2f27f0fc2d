using System.Collections.Concurrent;

namespace Junction.Migration;

/// <summary>Rollout state in memory: for setups without a database (state is lost on restart — documented) and for tests.</summary>
public sealed class InMemoryRolloutStateStore : IRolloutStateStore
{
    private readonly ConcurrentDictionary<string, RolloutState> _states = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task<RolloutState?> GetAsync(string model, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue(model, out var state) ? state : null);

    public Task<bool> TrySaveAsync(RolloutState state, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var current = _states.TryGetValue(state.Model, out var existing) ? existing.Version : 0;
            if (existing is not null && current != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _states[state.Model] = state;
            return Task.FromResult(true);
        }
    }
}
