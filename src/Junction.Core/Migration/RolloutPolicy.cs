namespace Junction.Migration;

/// <summary>A model's <c>rollout</c> block, validated: where traffic moves, in which steps, and when to promote or roll back.</summary>
public sealed record RolloutPolicy(string Target, IReadOnlyList<double> Steps, TimeSpan StepAfter, int MinRequests)
{
    /// <summary>Roll back when the new side's error rate over the step's window exceeds this fraction.</summary>
    public double? ErrorRateAbove { get; init; }

    /// <summary>Roll back when new p95 latency ÷ old p95 latency over the step's window exceeds this ratio.</summary>
    public double? P95LatencyRatioAbove { get; init; }

    /// <summary>What keeps a caller on one side: <c>key</c>, <c>user</c> or <c>metadata.&lt;field&gt;</c>.</summary>
    public string StickyBy { get; init; } = "key";

    /// <summary>Requests the new side needs in a window before a rollback condition is trusted (avoids rolling back on one unlucky call).</summary>
    public int MinRequestsForRollback => Math.Clamp(MinRequests, 1, 10);
}
