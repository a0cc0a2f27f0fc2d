namespace Junction.Bench;

/// <summary>Percentiles (nearest rank) over a set of outcomes, plus counts.</summary>
internal sealed record LatencySummary(int Count, int Ok, double P50, double P90, double P99, double Max, double MeanAttempts, int Fallbacks)
{
    public double SuccessRate => Count == 0 ? 0 : (double)Ok / Count;

    public static LatencySummary From(IReadOnlyList<Outcome> outcomes)
    {
        double[] sorted = [.. outcomes.Select(o => o.LatencyMs).Order()];
        return new LatencySummary(
            outcomes.Count,
            outcomes.Count(o => o.Ok),
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.90),
            Percentile(sorted, 0.99),
            sorted.Length == 0 ? double.NaN : sorted[^1],
            outcomes.Count == 0 ? 0 : outcomes.Average(o => o.Attempts),
            outcomes.Count(o => o.Fallback));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
