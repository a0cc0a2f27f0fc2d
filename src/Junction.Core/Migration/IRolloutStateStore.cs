namespace Junction.Migration;

/// <summary>
/// Persists rollout state so it survives restarts and is shared by instances. <see cref="TrySaveAsync"/> is a
/// compare-and-set on <see cref="RolloutState.Version"/>: when another instance moved first, it returns false and the
/// caller reloads.
/// </summary>
public interface IRolloutStateStore
{
    Task<RolloutState?> GetAsync(string model, CancellationToken cancellationToken);

    Task<bool> TrySaveAsync(RolloutState state, long expectedVersion, CancellationToken cancellationToken);
}
