namespace Junction.Configuration;

/// <summary>The values of <c>routing.strategy</c>, spelled exactly as in YAML.</summary>
public static class RoutingStrategyNames
{
    public const string Weighted = "weighted";
    public const string Priority = "priority";
    public const string LeastBusy = "least-busy";
    public const string Latency = "latency";
    public const string Usage = "usage";

    public static readonly IReadOnlyList<string> All = [Weighted, Priority, LeastBusy, Latency, Usage];
}
