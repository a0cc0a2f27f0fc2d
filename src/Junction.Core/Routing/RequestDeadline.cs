namespace Junction.Routing;

/// <summary>
/// The whole-request timeout linked with the client's cancellation. Tells the two apart, so a timeout
/// becomes a 504 and a client disconnect simply ends the work.
/// </summary>
internal sealed class RequestDeadline : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _client;

    public RequestDeadline(TimeSpan timeout, TimeProvider timeProvider, CancellationToken client)
    {
        Timeout = timeout;
        _client = client;
        _timeout = new CancellationTokenSource(timeout, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(client, _timeout.Token);
    }

    public TimeSpan Timeout { get; }

    /// <summary>Cancelled when the client goes away or the deadline passes.</summary>
    public CancellationToken Token => _linked.Token;

    public bool HasExpired => _timeout.IsCancellationRequested;

    public bool ClientCancelled => _client.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
