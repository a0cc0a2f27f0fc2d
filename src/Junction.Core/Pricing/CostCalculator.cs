using Junction.Protocol.OpenAI;
using Junction.Routing;

namespace Junction.Pricing;

/// <summary>
/// What a request cost: token usage times the deployment's price. The price is the deployment's config override
/// (<c>input_cost_per_1m</c>, <c>output_cost_per_1m</c>, <c>cached_input_cost_per_1m</c>) where set, else the
/// shipped <see cref="PriceTable"/> entry for its upstream model id, else its public model name. A model with no
/// price costs 0 and is reported as not priced.
/// </summary>
public static class CostCalculator
{
    private const decimal PerMillion = 1_000_000m;

    public static (decimal Usd, bool Priced) Compute(Deployment deployment, Usage usage) =>
        Compute(deployment, usage, PriceTable.Shipped);

    public static (decimal Usd, bool Priced) Compute(Deployment deployment, Usage usage, PriceTable table)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(usage);
        if (PriceOf(deployment, table) is not { } price)
        {
            return (0m, false);
        }

        var cached = Math.Clamp(usage.PromptTokensDetails?.CachedTokens ?? 0, 0, Math.Max(usage.PromptTokens, 0));
        var uncached = Math.Max(usage.PromptTokens, 0) - cached;
        var usd = (uncached * price.InputPer1M
            + cached * (price.CachedInputPer1M ?? price.InputPer1M)
            + Math.Max(usage.CompletionTokens, 0) * price.OutputPer1M) / PerMillion;
        return (usd, true);
    }

    /// <summary>The cost of an estimated request (for budget reservations); 0 when the deployment is not priced.</summary>
    public static decimal Estimate(Deployment deployment, int promptTokens, int outputTokens) =>
        Compute(deployment, new Usage { PromptTokens = promptTokens, CompletionTokens = outputTokens }).Usd;

    /// <summary>The effective price of a deployment: config overrides over the shipped table; null when unknown.</summary>
    public static ModelPrice? PriceOf(Deployment deployment, PriceTable table)
    {
        var options = deployment.Options;
        ModelPrice? listed = table.TryFind(deployment.UpstreamModel, out var byUpstream) ? byUpstream
            : table.TryFind(deployment.PublicModel, out var byPublic) ? byPublic
            : null;
        if (options.InputCostPer1M is null && options.OutputCostPer1M is null && options.CachedInputCostPer1M is null)
        {
            return listed;
        }

        return new ModelPrice(
            ToDecimal(options.InputCostPer1M) ?? listed?.InputPer1M ?? 0m,
            ToDecimal(options.OutputCostPer1M) ?? listed?.OutputPer1M ?? 0m,
            ToDecimal(options.CachedInputCostPer1M) ?? listed?.CachedInputPer1M);
    }

    private static decimal? ToDecimal(double? value) => value is { } v ? (decimal)v : null;
}
