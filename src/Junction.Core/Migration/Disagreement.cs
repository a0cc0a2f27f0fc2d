namespace Junction.Migration;

/// <summary>A pair that disagreed, for the report's worst-disagreements list.</summary>
public sealed record Disagreement(string RequestId, string What, double Score);
