using Junction.Protocol.OpenAI;
using Junction.Routing;
using Junction.Spend;

namespace Junction.Extensions.AI.Tests.TestSupport;

/// <summary>A price list for tests: USD per input and output token, for every deployment of one provider.</summary>
public sealed class PerTokenCostEstimator(string provider, decimal input, decimal output) : ICostEstimator
{
    public decimal? EstimateCost(Deployment deployment, Usage usage) =>
        deployment.ProviderName == provider ? usage.PromptTokens * input + usage.CompletionTokens * output : null;
}
