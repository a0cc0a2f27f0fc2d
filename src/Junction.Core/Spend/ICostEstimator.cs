using Junction.Protocol.OpenAI;
using Junction.Routing;

namespace Junction.Spend;

/// <summary>Prices a finished request from the deployment that served it and the usage it reported.</summary>
public interface ICostEstimator
{
    /// <summary>The cost in USD, or null when the price of this deployment's model is unknown.</summary>
    decimal? EstimateCost(Deployment deployment, Usage usage);

    /// <summary>
    /// The cost of everything a request used: tokens (<paramref name="usage"/>) and images or audio (<paramref name="media"/>);
    /// null when unknown. The default prices tokens only.
    /// </summary>
    decimal? EstimateCost(Deployment deployment, Usage? usage, MediaUsage? media) => usage is null ? null : EstimateCost(deployment, usage);
}
