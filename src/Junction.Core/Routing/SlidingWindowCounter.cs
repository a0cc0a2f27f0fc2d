namespace Junction.Routing;

/// <summary>
/// A count over the last <see cref="BucketCount"/> seconds in one-second buckets (requests, tokens, failures per
/// minute). Thread-safe through a small lock: updates are a few instructions and rarely contended.
/// </summary>
public sealed class SlidingWindowCounter
{
    public const int BucketCount = 60;

    private readonly long[] _counts = new long[BucketCount];
    private readonly long[] _seconds = new long[BucketCount];
    private readonly Lock _lock = new();

    public void Add(DateTimeOffset now, long amount)
    {
        var second = now.ToUnixTimeSeconds();
        var slot = (int)(second % BucketCount);
        lock (_lock)
        {
            if (_seconds[slot] != second)
            {
                _seconds[slot] = second;
                _counts[slot] = 0;
            }

            _counts[slot] += amount;
        }
    }

    /// <summary>The sum over the last <paramref name="window"/> (at most a minute), including the current second.</summary>
    public long Sum(DateTimeOffset now, TimeSpan? window = null)
    {
        var second = now.ToUnixTimeSeconds();
        var span = Math.Clamp((long)Math.Ceiling((window ?? TimeSpan.FromSeconds(BucketCount)).TotalSeconds), 1, BucketCount);
        long total = 0;
        lock (_lock)
        {
            for (var i = 0; i < BucketCount; i++)
            {
                if (second - _seconds[i] < span && _seconds[i] <= second)
                {
                    total += _counts[i];
                }
            }
        }

        return total;
    }

    /// <summary>How long until the oldest counted second leaves the window (when a limit frees up).</summary>
    public TimeSpan UntilOldestExpires(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        var oldest = second;
        lock (_lock)
        {
            for (var i = 0; i < BucketCount; i++)
            {
                if (_counts[i] > 0 && second - _seconds[i] < BucketCount && _seconds[i] < oldest)
                {
                    oldest = _seconds[i];
                }
            }
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(oldest + BucketCount);
        var wait = expiresAt - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }
}
