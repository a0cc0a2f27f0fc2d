namespace Junction.Spend;

/// <summary>What the router calls when a request finishes: the cost estimator, then every observer in order.</summary>
public sealed record RequestHooks
{
    /// <summary>No observers, no prices.</summary>
    public static RequestHooks None { get; } = new();

    public IReadOnlyList<IRequestObserver> Observers { get; init; } = [];

    public ICostEstimator CostEstimator { get; init; } = NullCostEstimator.Instance;

    /// <summary>Counts tokens of a stream that ended without usage (flagged as estimated); the default guesses 4 characters a token.</summary>
    public ITokenCounter TokenCounter { get; init; } = ApproximateTokenCounter.Instance;

    /// <summary>Whether prompts and answers are kept on the request (<c>logging.store_content</c>) for the spend log.</summary>
    public bool CaptureContent { get; init; }
}
