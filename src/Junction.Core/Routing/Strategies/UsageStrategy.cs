using Junction.Configuration;

namespace Junction.Routing.Strategies;

/// <summary>
/// <c>usage</c>: the deployment furthest from its <c>rpm</c>/<c>tpm</c> limits over the last minute (the highest of the
/// two utilisation ratios decides; deployments without limits count as idle). Deployments at a limit never reach a
/// strategy: the route plan filters them for every strategy.
/// </summary>
public sealed class UsageStrategy : IRoutingStrategy
{
    public static readonly UsageStrategy Instance = new();

    public string Name => RoutingStrategyNames.Usage;

    public int Pick(IReadOnlyList<Deployment> available, RoutingPick pick)
    {
        var best = -1;
        var bestRatio = double.MaxValue;
        for (var i = 0; i < available.Count; i++)
        {
            var ratio = Utilisation(available[i], pick.Now);
            if (ratio < bestRatio || (ratio == bestRatio && pick.Random.NextDouble() < 0.5))
            {
                best = i;
                bestRatio = ratio;
            }
        }

        return best;
    }

    public static double Utilisation(Deployment deployment, DateTimeOffset now)
    {
        var options = deployment.Options;
        var rpm = options.Rpm is int r and > 0 ? deployment.State.RequestsLastMinute(now) / (double)r : 0;
        var tpm = options.Tpm is int t and > 0 ? deployment.State.TokensLastMinute(now) / (double)t : 0;
        return Math.Max(rpm, tpm);
    }
}
