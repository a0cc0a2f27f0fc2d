using System.Collections.Concurrent;
using Junction.Protocol.OpenAI;
using Junction.Routing;
using Junction.Spend;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Junction.Pricing;

/// <summary>
/// The <see cref="ICostEstimator"/> over a <see cref="PriceTable"/> (the shipped one by default) and the deployments'
/// config overrides (<see cref="CostCalculator"/>). A deployment with no price is logged once (per deployment and
/// model) and its requests get no cost, which the router records as <c>unpriced</c>; never a silent $0.
/// </summary>
public sealed partial class PriceCostEstimator : ICostEstimator
{
    private readonly PriceTable _table;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.Ordinal);

    public PriceCostEstimator(ILogger<PriceCostEstimator>? logger = null, PriceTable? table = null)
    {
        _table = table ?? PriceTable.Shipped;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The table in use.</summary>
    public PriceTable Table => _table;

    public decimal? EstimateCost(Deployment deployment, Usage usage) => EstimateCost(deployment, usage, null);

    public decimal? EstimateCost(Deployment deployment, Usage? usage, MediaUsage? media)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var (usd, priced) = CostCalculator.Compute(deployment, usage, media, _table);
        if (priced)
        {
            return usd;
        }

        var model = CostCalculator.PricedModel(deployment);
        if (_reported.TryAdd(deployment.Id + "\n" + model, true))
        {
            Log.Unpriced(_logger, deployment.Id, deployment.ProviderName, model ?? "(none: set base_model)", _table.TakenOn);
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "Deployment {Deployment} ({Provider}, model {Model}) has no price in the price table of {TakenOn} nor in its config (input_cost_per_1m, output_cost_per_1m, cost_per_image, audio_cost_per_minute); its requests are logged as unpriced",
            EventName = "UnpricedModel")]
        public static partial void Unpriced(ILogger logger, string deployment, string provider, string model, string takenOn);
    }
}
