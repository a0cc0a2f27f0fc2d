using System.Collections.Concurrent;

namespace Junction.Server.Auth;

/// <summary>
/// Slows clients that keep presenting wrong keys: after <see cref="FreeFailures"/> failures from one address within
/// <see cref="Window"/>, each further 401 is delayed 100 ms, doubling per failure up to <see cref="MaxDelay"/>.
/// A success clears the address. In memory, per instance; at most <see cref="MaxTracked"/> addresses are tracked.
/// </summary>
internal sealed class FailedAuthThrottle
{
    public const int FreeFailures = 3;
    public const int MaxTracked = 100_000;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Last)> _clients = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    public FailedAuthThrottle(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// <summary>Records a failure and returns how long to wait before answering it.</summary>
    public TimeSpan Fail(string client)
    {
        var now = _timeProvider.GetUtcNow();
        if (_clients.Count >= MaxTracked)
        {
            _clients.Clear();
        }

        var (failures, _) = _clients.AddOrUpdate(client, (1, now), (_, old) => (now - old.Last > Window ? 1 : old.Failures + 1, now));
        return DelayFor(failures);
    }

    public void Succeed(string client)
    {
        if (!_clients.IsEmpty)
        {
            _clients.TryRemove(client, out _);
        }
    }

    public static TimeSpan DelayFor(int failures)
    {
        if (failures <= FreeFailures)
        {
            return TimeSpan.Zero;
        }

        var ms = 100.0 * Math.Pow(2, Math.Min(failures - FreeFailures - 1, 10));
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxDelay.TotalMilliseconds));
    }
}
