namespace Junction.Keys;

/// <summary>
/// Broadcasts key changes (revocation, update, team or user limits) to every instance so cached keys are dropped at
/// once: a Redis pub/sub channel when Redis is configured, else in-process only.
/// </summary>
public interface IKeyEvents
{
    Task PublishAsync(KeyChange change, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="handler"/> for every change, published here or on another instance.</summary>
    void Subscribe(Action<KeyChange> handler);
}
