using Junction.Configuration;

namespace Junction.Routing.Strategies;

/// <summary><c>weighted</c>: random, in proportion to each deployment's <c>weight</c>.</summary>
public sealed class WeightedStrategy : IRoutingStrategy
{
    public static readonly WeightedStrategy Instance = new();

    public string Name => RoutingStrategyNames.Weighted;

    public int Pick(IReadOnlyList<Deployment> available, RoutingPick pick) => PickWeighted(available, pick.Random);

    /// <summary>Weighted random choice; also the tie-breaker of the other strategies.</summary>
    public static int PickWeighted(IReadOnlyList<Deployment> available, IRandomSource random)
    {
        if (available.Count == 1)
        {
            return 0;
        }

        var total = 0.0;
        foreach (var d in available)
        {
            total += d.Options.Weight;
        }

        var target = random.NextDouble() * total;
        for (var i = 0; i < available.Count; i++)
        {
            target -= available[i].Options.Weight;
            if (target < 0)
            {
                return i;
            }
        }

        return available.Count - 1;
    }
}
