namespace Junction.Keys;

/// <summary>In-process key events (no Redis): other instances see changes when their key cache expires.</summary>
public sealed class LocalKeyEvents : IKeyEvents
{
    private readonly List<Action<KeyChange>> _handlers = [];
    private readonly Lock _lock = new();

    public Task PublishAsync(KeyChange change, CancellationToken cancellationToken)
    {
        Action<KeyChange>[] handlers;
        lock (_lock)
        {
            handlers = [.. _handlers];
        }

        foreach (var handler in handlers)
        {
            handler(change);
        }

        return Task.CompletedTask;
    }

    public void Subscribe(Action<KeyChange> handler)
    {
        lock (_lock)
        {
            _handlers.Add(handler);
        }
    }
}
