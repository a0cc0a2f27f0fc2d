namespace Junction.Resilience;

/// <summary>
/// One attempt's cancellation: linked to the request (client disconnect, whole-request deadline) plus an optional
/// attempt timer. For a stream the timer covers only the wait for the first chunk (<see cref="Disarm"/>), and the
/// scope then lives on with the stream (<see cref="KeepAlive"/>) so a client disconnect still reaches the upstream.
/// </summary>
internal sealed class AttemptScope : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly ITimer? _timer;
    private int _timedOut;

    public AttemptScope(CancellationToken request, TimeSpan? timeout, TimeProvider timeProvider)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(request);
        Timeout = timeout;
        if (timeout is { } t)
        {
            _timer = timeProvider.CreateTimer(static state => ((AttemptScope)state!).Fire(), this, t, System.Threading.Timeout.InfiniteTimeSpan);
        }
    }

    public CancellationToken Token => _cts.Token;

    public TimeSpan? Timeout { get; }

    /// <summary>Whether this attempt's own timer cancelled it.</summary>
    public bool TimedOut => Volatile.Read(ref _timedOut) == 1;

    /// <summary>Whether ownership has passed to a stream, which disposes the scope when it ends.</summary>
    public bool Kept { get; private set; }

    /// <summary>Stops the attempt timer (the stream has passed its first chunk).</summary>
    public void Disarm() => _timer?.Dispose();

    public void KeepAlive() => Kept = true;

    private void Fire()
    {
        Volatile.Write(ref _timedOut, 1);
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt already ended.
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _cts.Dispose();
    }
}
