namespace Junction.Spend;

/// <summary>What the router calls when a request finishes: the cost estimator, then every observer in order.</summary>
public sealed record RequestHooks
{
    /// <summary>No observers, no prices.</summary>
    public static RequestHooks None { get; } = new();

    public IReadOnlyList<IRequestObserver> Observers { get; init; } = [];

    public ICostEstimator CostEstimator { get; init; } = NullCostEstimator.Instance;
}
