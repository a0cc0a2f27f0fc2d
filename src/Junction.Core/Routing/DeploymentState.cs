using Junction.Resilience;

namespace Junction.Routing;

/// <summary>
/// Live data about one deployment, shared by every request and carried over config reloads: requests in flight,
/// a latency average, per-minute request/token/failure counts, and the cooldown state.
/// </summary>
public sealed class DeploymentState
{
    private readonly SlidingWindowCounter _requests = new();
    private readonly SlidingWindowCounter _tokens = new();
    private readonly SlidingWindowCounter _failures = new();
    private int _inFlight;
    private long _latencyEwmaMicros;
    private long _cooldownUntilTicks;
    private long _lastFailureTicks;

    public int InFlight => Volatile.Read(ref _inFlight);

    public bool HasLatency => Interlocked.Read(ref _latencyEwmaMicros) > 0;

    /// <summary>Exponentially weighted moving average of successful attempt latency.</summary>
    public TimeSpan LatencyAverage => TimeSpan.FromMicroseconds(Interlocked.Read(ref _latencyEwmaMicros));

    /// <summary>When the current cooldown ends; null when not cooling down (or it has ended).</summary>
    public DateTimeOffset? CooldownUntil(DateTimeOffset now)
    {
        var until = Interlocked.Read(ref _cooldownUntilTicks);
        return until > now.UtcTicks ? new DateTimeOffset(until, TimeSpan.Zero) : null;
    }

    public bool IsCoolingDown(DateTimeOffset now) => Interlocked.Read(ref _cooldownUntilTicks) > now.UtcTicks;

    /// <summary>When this deployment last failed (ticks); 0 when never.</summary>
    public long LastFailureTicks => Interlocked.Read(ref _lastFailureTicks);

    public long RequestsLastMinute(DateTimeOffset now) => _requests.Sum(now);

    public long TokensLastMinute(DateTimeOffset now) => _tokens.Sum(now);

    public long FailuresLastMinute(DateTimeOffset now) => _failures.Sum(now);

    /// <summary>How long until a request or token slot frees up in the per-minute window.</summary>
    public TimeSpan UntilUsageFrees(DateTimeOffset now) =>
        TimeSpan.FromTicks(Math.Min(_requests.UntilOldestExpires(now).Ticks, _tokens.UntilOldestExpires(now).Ticks));

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    public void RecordRequest(DateTimeOffset now) => _requests.Add(now, 1);

    public void RecordTokens(DateTimeOffset now, long tokens)
    {
        if (tokens > 0)
        {
            _tokens.Add(now, tokens);
        }
    }

    public void RecordLatency(TimeSpan latency)
    {
        var sample = Math.Max(1, (long)latency.TotalMicroseconds);
        long current, next;
        do
        {
            current = Interlocked.Read(ref _latencyEwmaMicros);
            next = current == 0 ? sample : current + ((sample - current) / 5);
        }
        while (Interlocked.CompareExchange(ref _latencyEwmaMicros, next, current) != current);
    }

    /// <summary>
    /// Records a failed attempt. Deployment-side failures count toward cooldown; a 429 or 401 starts one at once
    /// (for at least the upstream's Retry-After). Errors caused by the request itself (400, 404, content filter)
    /// say nothing about the deployment's health and are not counted.
    /// </summary>
    public void RecordFailure(DateTimeOffset now, JunctionError error, CooldownPolicy? policy)
    {
        if (!CountsAgainstDeployment(error.Kind))
        {
            return;
        }

        Interlocked.Exchange(ref _lastFailureTicks, now.UtcTicks);
        _failures.Add(now, 1);
        if (policy is null)
        {
            return;
        }

        var immediate = error.Kind is JunctionErrorKind.RateLimited or JunctionErrorKind.QuotaExceeded or JunctionErrorKind.Authentication;
        if (immediate || _failures.Sum(now, policy.Window) >= policy.Failures)
        {
            var duration = error.RetryAfter is { } wait && wait > policy.Duration ? wait : policy.Duration;
            Interlocked.Exchange(ref _cooldownUntilTicks, (now + duration).UtcTicks);
        }
    }

    private static bool CountsAgainstDeployment(JunctionErrorKind kind) => kind is
        JunctionErrorKind.RateLimited or JunctionErrorKind.QuotaExceeded or JunctionErrorKind.Authentication or
        JunctionErrorKind.PermissionDenied or JunctionErrorKind.Timeout or JunctionErrorKind.Unavailable or
        JunctionErrorKind.ServerError or JunctionErrorKind.InvalidResponse or JunctionErrorKind.Conflict;
}
