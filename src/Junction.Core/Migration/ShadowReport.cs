namespace Junction.Migration;

/// <summary>
/// The comparison of a model and its shadow over a time window (or of two targets in a replay): how many pairs, the
/// error-rate, latency and cost deltas (shadow minus primary), agreement rates per comparison, and the worst
/// disagreements with their request ids.
/// </summary>
public sealed record ShadowReport
{
    public required string Model { get; init; }
    public required string Target { get; init; }
    public DateTimeOffset? Since { get; init; }
    public int Pairs { get; init; }
    public double PrimaryErrorRate { get; init; }
    public double ShadowErrorRate { get; init; }
    public double ErrorRateDelta => ShadowErrorRate - PrimaryErrorRate;
    public double? PrimaryLatencyP50Ms { get; init; }
    public double? ShadowLatencyP50Ms { get; init; }
    public double? PrimaryLatencyP95Ms { get; init; }
    public double? ShadowLatencyP95Ms { get; init; }
    public double? LatencyP50DeltaMs => ShadowLatencyP50Ms - PrimaryLatencyP50Ms;
    public double? LatencyP95DeltaMs => ShadowLatencyP95Ms - PrimaryLatencyP95Ms;
    public decimal PrimaryCostUsd { get; init; }
    public decimal ShadowCostUsd { get; init; }
    public decimal CostDeltaUsd => ShadowCostUsd - PrimaryCostUsd;
    public long PrimaryTokens { get; init; }
    public long ShadowTokens { get; init; }

    /// <summary>Agreement rate per comparison (0..1) over the pairs where it applies, with that count.</summary>
    public IReadOnlyDictionary<string, Agreement> Agreement { get; init; } = new Dictionary<string, Agreement>();

    public IReadOnlyList<Disagreement> WorstDisagreements { get; init; } = [];

    public static ShadowReport Build(string model, string target, DateTimeOffset? since, IReadOnlyCollection<ShadowPair> pairs, int worst = 10)
    {
        static double? Percentile(IEnumerable<TimeSpan> values, double p)
        {
            var sorted = values.Select(v => v.TotalMilliseconds).Order().ToArray();
            if (sorted.Length == 0)
            {
                return null;
            }

            var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
            return Math.Round(sorted[Math.Clamp(rank, 0, sorted.Length - 1)], 1);
        }

        static double Rate(IEnumerable<ShadowOutcome> outcomes, int count) =>
            count == 0 ? 0 : Math.Round(outcomes.Count(o => !o.Succeeded) / (double)count, 4);

        var primaryOk = pairs.Where(p => p.Primary.Succeeded).Select(p => p.Primary.Latency);
        var shadowOk = pairs.Where(p => p.Shadow.Succeeded).Select(p => p.Shadow.Latency);
        var agreement = new Dictionary<string, Agreement>(StringComparer.Ordinal);
        void Add(string name, Func<ShadowComparisons, bool?> pick)
        {
            var applicable = pairs.Select(p => pick(p.Comparisons)).Where(v => v is not null).ToList();
            if (applicable.Count > 0)
            {
                agreement[name] = new Agreement(Math.Round(applicable.Count(v => v!.Value) / (double)applicable.Count, 4), applicable.Count);
            }
        }

        Add("text_exact", c => c.TextExact);
        Add("text_similar", c => c.TextSimilarity is { } s ? s >= 0.8 : null);
        Add("json_parse", c => c.JsonBothParse);
        Add("json_schema_valid", c => c.JsonBothValid);
        Add("json_structure", c => c.JsonStructureMatch);
        Add("tool_calls", c => c.ToolCallsEquivalent);
        var similarities = pairs.Select(p => p.Comparisons.TextSimilarity).Where(s => s is not null).ToList();
        if (similarities.Count > 0)
        {
            agreement["text_similarity_mean"] = new Agreement(Math.Round(similarities.Average(s => s!.Value), 4), similarities.Count);
        }

        return new ShadowReport
        {
            Model = model,
            Target = target,
            Since = since,
            Pairs = pairs.Count,
            PrimaryErrorRate = Rate(pairs.Select(p => p.Primary), pairs.Count),
            ShadowErrorRate = Rate(pairs.Select(p => p.Shadow), pairs.Count),
            PrimaryLatencyP50Ms = Percentile(primaryOk, 0.5),
            ShadowLatencyP50Ms = Percentile(shadowOk, 0.5),
            PrimaryLatencyP95Ms = Percentile(primaryOk, 0.95),
            ShadowLatencyP95Ms = Percentile(shadowOk, 0.95),
            PrimaryCostUsd = pairs.Sum(p => p.Primary.CostUsd ?? 0),
            ShadowCostUsd = pairs.Sum(p => p.Shadow.CostUsd ?? 0),
            PrimaryTokens = pairs.Sum(p => (long)(p.Primary.Usage?.TotalTokens ?? 0)),
            ShadowTokens = pairs.Sum(p => (long)(p.Shadow.Usage?.TotalTokens ?? 0)),
            Agreement = agreement,
            WorstDisagreements = [.. pairs
                .Select(p => new Disagreement(p.RequestId, Describe(p), Math.Round(Score(p), 4)))
                .Where(d => d.Score > 0)
                .OrderByDescending(d => d.Score)
                .ThenBy(d => d.RequestId, StringComparer.Ordinal)
                .Take(worst)],
        };
    }

    /// <summary>One side failing ranks worst (1); content disagreement ranks below it (at most 0.99).</summary>
    private static double Score(ShadowPair pair) =>
        pair.Primary.Succeeded != pair.Shadow.Succeeded ? 1 : 0.99 * pair.Comparisons.Disagreement;

    private static string Describe(ShadowPair pair)
    {
        if (pair.Primary.Succeeded != pair.Shadow.Succeeded)
        {
            return pair.Shadow.Succeeded
                ? $"primary failed ({pair.Primary.Status} {pair.Primary.ErrorKind}), shadow answered"
                : $"shadow failed ({pair.Shadow.Status} {pair.Shadow.ErrorKind}), primary answered";
        }

        var c = pair.Comparisons;
        var parts = new List<string>();
        if (c.TextSimilarity is { } s)
        {
            parts.Add(FormattableString.Invariant($"text similarity {s:0.00}"));
        }

        if (c.JsonStructureMatch == false)
        {
            parts.Add("JSON structure differs");
        }

        if (c.JsonBothValid == false)
        {
            parts.Add("JSON schema validation failed");
        }

        if (c.ToolCallsEquivalent == false)
        {
            parts.Add("different tool calls");
        }

        return parts.Count == 0 ? "differs" : string.Join("; ", parts);
    }
}
