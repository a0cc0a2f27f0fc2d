using System.Collections.Frozen;

namespace Junction.Routing.Strategies;

/// <summary>The built-in strategies by config name.</summary>
public static class RoutingStrategies
{
    private static readonly FrozenDictionary<string, IRoutingStrategy> ByName = new IRoutingStrategy[]
    {
        WeightedStrategy.Instance, PriorityStrategy.Instance, LeastBusyStrategy.Instance, LatencyStrategy.Instance, UsageStrategy.Instance,
    }.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);

    public static IRoutingStrategy Get(string name) =>
        ByName.TryGetValue(name, out var strategy) ? strategy : throw new ArgumentException($"Unknown routing strategy '{name}'.", nameof(name));

    public static bool TryGet(string name, out IRoutingStrategy strategy) => ByName.TryGetValue(name, out strategy!);
}
