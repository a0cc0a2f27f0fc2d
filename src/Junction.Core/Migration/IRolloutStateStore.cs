namespace Junction.Migration;

/// <summary>
/// Persists rollout state so it survives restarts and is shared by instances. <see cref="TrySaveAsync(RolloutState, long, CancellationToken)"/> is a
/// compare-and-set on <see cref="RolloutState.Version"/>: when another instance moved first, it returns false and the
/// caller reloads.
/// </summary>
public interface IRolloutStateStore
{
    Task<RolloutState?> GetAsync(string model, CancellationToken cancellationToken);

    Task<bool> TrySaveAsync(RolloutState state, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a transition's new state, compare-and-set on the old state's version. A store that sits next to the audit
    /// log (the governance database) writes the transition there in the same transaction, so no state change goes unaudited.
    /// </summary>
    Task<bool> TrySaveAsync(RolloutTransition transition, CancellationToken cancellationToken) =>
        TrySaveAsync(transition.To, transition.From.Version, cancellationToken);
}
