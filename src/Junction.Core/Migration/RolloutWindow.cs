namespace Junction.Migration;

/// <summary>One side's requests, errors and latency samples since the current step started (bounded reservoir for p95).</summary>
internal sealed class RolloutWindow
{
    private const int MaxSamples = 10_000;
    private readonly List<double> _latenciesMs = [];
    private readonly Lock _lock = new();
    private long _requests;
    private long _errors;

    public void Record(bool success, TimeSpan latency, double random)
    {
        lock (_lock)
        {
            _requests++;
            if (!success)
            {
                _errors++;
                return;
            }

            if (_latenciesMs.Count < MaxSamples)
            {
                _latenciesMs.Add(latency.TotalMilliseconds);
            }
            else
            {
                // Reservoir sampling keeps a uniform sample of the whole window.
                var slot = (long)(random * _requests);
                if (slot < MaxSamples)
                {
                    _latenciesMs[(int)slot] = latency.TotalMilliseconds;
                }
            }
        }
    }

    public SideStats Snapshot()
    {
        lock (_lock)
        {
            if (_latenciesMs.Count == 0)
            {
                return new SideStats(_requests, _errors, null);
            }

            var sorted = _latenciesMs.Order().ToArray();
            var p95 = sorted[Math.Clamp((int)Math.Ceiling(0.95 * sorted.Length) - 1, 0, sorted.Length - 1)];
            return new SideStats(_requests, _errors, TimeSpan.FromMilliseconds(p95));
        }
    }
}
