using Junction.Configuration;
using Junction.Protocol.OpenAI;
using Junction.Routing;
using Junction.Spend;

namespace Junction.Pricing;

/// <summary>
/// What a request cost. The formula, in USD:
/// <code>
///   (prompt_tokens - cached_tokens) x input / 1M  +  cached_tokens x cached_input / 1M  +  completion_tokens x output / 1M
///   + images x image price  +  audio_seconds / 60 x audio_per_minute
/// </code>
/// Reasoning tokens are part of <c>completion_tokens</c> and cost the output price; cached input defaults to the input price.
/// The price is the deployment's config override (<c>input_cost_per_1m</c>, <c>output_cost_per_1m</c>,
/// <c>cached_input_cost_per_1m</c>, <c>cost_per_image</c>, <c>audio_cost_per_minute</c>) where set, else the shipped
/// <see cref="PriceTable"/> entry of the model the deployment really runs (<see cref="PricedModel"/>). A request with no
/// price for what it used is <em>not priced</em>: cost 0 and <c>Priced = false</c>, never a silent $0.
/// </summary>
public static class CostCalculator
{
    private const decimal PerMillion = 1_000_000m;

    public static (decimal Usd, bool Priced) Compute(Deployment deployment, Usage usage) =>
        Compute(deployment, usage, null, PriceTable.Shipped);

    public static (decimal Usd, bool Priced) Compute(Deployment deployment, Usage usage, PriceTable table) =>
        Compute(deployment, usage, null, table);

    /// <summary>The cost of token <paramref name="usage"/> and/or <paramref name="media"/> on <paramref name="deployment"/>.</summary>
    public static (decimal Usd, bool Priced) Compute(Deployment deployment, Usage? usage, MediaUsage? media, PriceTable table)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(table);
        if (PriceOf(deployment, table) is not { } price)
        {
            return (0m, false);
        }

        var usd = usage is null ? 0m : TokenCost(price, usage);
        if (media is null)
        {
            return (usd, usage is not null);
        }

        if (media.Images > 0)
        {
            if (price.ImagePrice(media.ImageSize, media.ImageQuality) is not { } perImage)
            {
                return (usd, false);
            }

            usd += media.Images * perImage;
        }

        if (media.AudioSeconds is { } seconds)
        {
            if (price.AudioPerMinute is { } perMinute)
            {
                usd += (decimal)seconds / 60m * perMinute;
            }
            else if (usage is null)
            {
                return (usd, false);
            }
        }
        else if (media.Images == 0 && usage is null)
        {
            // Audio of unknown length and no token usage: nothing to price it by.
            return (0m, false);
        }

        return (usd, true);
    }

    /// <summary>Tokens only: uncached input, cached input and output (reasoning included) at their prices.</summary>
    public static decimal TokenCost(ModelPrice price, Usage usage)
    {
        ArgumentNullException.ThrowIfNull(price);
        ArgumentNullException.ThrowIfNull(usage);
        var prompt = Math.Max(usage.PromptTokens, 0);
        var cached = Math.Clamp(usage.PromptTokensDetails?.CachedTokens ?? 0, 0, prompt);
        return ((prompt - cached) * price.InputPer1M
            + cached * (price.CachedInputPer1M ?? price.InputPer1M)
            + Math.Max(usage.CompletionTokens, 0) * price.OutputPer1M) / PerMillion;
    }

    /// <summary>The cost of an estimated request (for budget reservations); 0 when the deployment is not priced.</summary>
    public static decimal Estimate(Deployment deployment, int promptTokens, int outputTokens) =>
        Compute(deployment, new Usage { PromptTokens = promptTokens, CompletionTokens = outputTokens }).Usd;

    /// <summary>
    /// The model id whose list price applies: Azure's declared <c>base_model</c> (an Azure deployment name says nothing
    /// reliable), the Bedrock model id or inference profile, or the upstream model id for every other provider.
    /// Null for an Azure deployment without <c>base_model</c>.
    /// </summary>
    public static string? PricedModel(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment.Options.Provider == ProviderNames.Azure ? deployment.Options.BaseModel : deployment.UpstreamModel;
    }

    /// <summary>The effective price of a deployment: config overrides over the shipped table; null when unknown.</summary>
    public static ModelPrice? PriceOf(Deployment deployment, PriceTable table)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(table);
        var options = deployment.Options;
        ModelPrice? listed = null;
        if (PricedModel(deployment) is { } model)
        {
            var found = options.Provider == ProviderNames.Bedrock ? table.TryFindBedrock(model, out var price) : table.TryFind(model, out price);
            listed = found ? price : null;
        }

        if (options.InputCostPer1M is null && options.OutputCostPer1M is null && options.CachedInputCostPer1M is null
            && options.CostPerImage is null && options.AudioCostPerMinute is null)
        {
            return listed;
        }

        var tokensOverridden = options.InputCostPer1M is not null || options.OutputCostPer1M is not null || options.CachedInputCostPer1M is not null;
        if (listed is null && !tokensOverridden)
        {
            // Only a media price is configured: the model is priced for that and nothing else.
            return new ModelPrice(0m, 0m)
            {
                ImagePrices = PerImage(options.CostPerImage),
                AudioPerMinute = ToDecimal(options.AudioCostPerMinute),
            };
        }

        return new ModelPrice(
            ToDecimal(options.InputCostPer1M) ?? listed?.InputPer1M ?? 0m,
            ToDecimal(options.OutputCostPer1M) ?? listed?.OutputPer1M ?? 0m,
            ToDecimal(options.CachedInputCostPer1M) ?? listed?.CachedInputPer1M)
        {
            ImagePrices = PerImage(options.CostPerImage) ?? listed?.ImagePrices,
            AudioPerMinute = ToDecimal(options.AudioCostPerMinute) ?? listed?.AudioPerMinute,
        };
    }

    private static System.Collections.Frozen.FrozenDictionary<string, decimal>? PerImage(double? cost) =>
        cost is { } c ? System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(new Dictionary<string, decimal> { ["*"] = (decimal)c }) : null;

    private static decimal? ToDecimal(double? value) => value is { } v ? (decimal)v : null;
}
