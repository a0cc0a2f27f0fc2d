using Junction.Protocol.OpenAI;
using Junction.Routing;

namespace Junction.Spend;

/// <summary>The default: no prices known, so no cost.</summary>
public sealed class NullCostEstimator : ICostEstimator
{
    public static NullCostEstimator Instance { get; } = new();

    private NullCostEstimator()
    {
    }

    public decimal? EstimateCost(Deployment deployment, Usage usage) => null;
}
