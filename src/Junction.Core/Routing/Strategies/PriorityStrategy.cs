using Junction.Configuration;

namespace Junction.Routing.Strategies;

/// <summary>
/// <c>priority</c>: the lowest <c>priority</c> number that is available wins (weighted among equals); higher numbers
/// get traffic only while every lower one is unavailable (tried, cooling down, or at its limits).
/// </summary>
public sealed class PriorityStrategy : IRoutingStrategy
{
    public static readonly PriorityStrategy Instance = new();

    public string Name => RoutingStrategyNames.Priority;

    public int Pick(IReadOnlyList<Deployment> available, RoutingPick pick)
    {
        var best = int.MaxValue;
        foreach (var d in available)
        {
            best = Math.Min(best, d.Options.Priority);
        }

        var tier = available.Where(d => d.Options.Priority == best).ToList();
        var chosen = tier[WeightedStrategy.PickWeighted(tier, pick.Random)];
        return IndexOf(available, chosen);
    }

    internal static int IndexOf(IReadOnlyList<Deployment> list, Deployment item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], item))
            {
                return i;
            }
        }

        return 0;
    }
}
