namespace Junction.Routing;

/// <summary>Live, lock-free data about one deployment: requests in flight and a latency average.</summary>
public sealed class DeploymentState
{
    private int _inFlight;
    private long _latencyEwmaMicros;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Exponentially weighted moving average of successful attempt latency.</summary>
    public TimeSpan LatencyAverage => TimeSpan.FromMicroseconds(Interlocked.Read(ref _latencyEwmaMicros));

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    public void RecordLatency(TimeSpan latency)
    {
        var sample = (long)latency.TotalMicroseconds;
        long current, next;
        do
        {
            current = Interlocked.Read(ref _latencyEwmaMicros);
            next = current == 0 ? sample : current + ((sample - current) / 5);
        }
        while (Interlocked.CompareExchange(ref _latencyEwmaMicros, next, current) != current);
    }
}
