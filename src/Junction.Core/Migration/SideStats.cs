namespace Junction.Migration;

/// <summary>One side's figures over a rollout step's window: requests, errors and p95 latency.</summary>
public sealed record SideStats(long Requests, long Errors, TimeSpan? P95Latency)
{
    public static readonly SideStats Empty = new(0, 0, null);

    public double ErrorRate => Requests == 0 ? 0 : Errors / (double)Requests;

    public override string ToString() =>
        $"{Requests} requests, error rate {ErrorRate:P1}, p95 {(P95Latency is { } p ? $"{p.TotalMilliseconds:0} ms" : "n/a")}";
}
