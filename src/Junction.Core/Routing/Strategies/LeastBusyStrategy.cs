using Junction.Configuration;

namespace Junction.Routing.Strategies;

/// <summary><c>least-busy</c>: the deployment with the fewest requests in flight (weighted random among ties).</summary>
public sealed class LeastBusyStrategy : IRoutingStrategy
{
    public static readonly LeastBusyStrategy Instance = new();

    public string Name => RoutingStrategyNames.LeastBusy;

    public int Pick(IReadOnlyList<Deployment> available, RoutingPick pick)
    {
        var fewest = int.MaxValue;
        foreach (var d in available)
        {
            fewest = Math.Min(fewest, d.State.InFlight);
        }

        var tied = available.Where(d => d.State.InFlight == fewest).ToList();
        return PriorityStrategy.IndexOf(available, tied[WeightedStrategy.PickWeighted(tied, pick.Random)]);
    }
}
