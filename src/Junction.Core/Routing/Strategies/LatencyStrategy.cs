using Junction.Configuration;

namespace Junction.Routing.Strategies;

/// <summary>
/// <c>latency</c>: the lowest recent latency (an exponentially weighted average of successful attempts). A deployment
/// with no measurement yet is tried first, and with probability <see cref="ExplorationRate"/> a random deployment is
/// picked instead, so one that was slow but has recovered gets measured again.
/// </summary>
public sealed class LatencyStrategy : IRoutingStrategy
{
    public const double ExplorationRate = 0.1;
    public static readonly LatencyStrategy Instance = new();

    public string Name => RoutingStrategyNames.Latency;

    public int Pick(IReadOnlyList<Deployment> available, RoutingPick pick)
    {
        for (var i = 0; i < available.Count; i++)
        {
            if (!available[i].State.HasLatency)
            {
                return i;
            }
        }

        if (available.Count > 1 && pick.Random.NextDouble() < ExplorationRate)
        {
            return Math.Min((int)(pick.Random.NextDouble() * available.Count), available.Count - 1);
        }

        var best = 0;
        for (var i = 1; i < available.Count; i++)
        {
            if (available[i].State.LatencyAverage < available[best].State.LatencyAverage)
            {
                best = i;
            }
        }

        return best;
    }
}
