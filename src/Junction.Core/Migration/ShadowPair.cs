namespace Junction.Migration;

/// <summary>One shadowed request: the primary's outcome, the shadow's, and their comparisons.</summary>
public sealed record ShadowPair(
    string RequestId, DateTimeOffset Time, string Model, string Target, ShadowOutcome Primary, ShadowOutcome Shadow, ShadowComparisons Comparisons);
