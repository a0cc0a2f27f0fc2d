namespace Junction.Configuration;

/// <summary>A model's <c>rollout</c> block: move a growing share of its traffic to another public model, rolling back on regressions.</summary>
public sealed class RolloutOptions
{
    /// <summary>The public model traffic moves to (<c>to</c>).</summary>
    public string To { get; set; } = "";

    /// <summary>Percent of traffic per step, increasing, each in (0, 100] (<c>steps</c>).</summary>
    public List<double> Steps { get; set; } = [5, 25, 50, 100];

    /// <summary>Seconds a step must be healthy before promotion (<c>step_after_s</c>).</summary>
    public double StepAfterS { get; set; } = 3600;

    /// <summary>New-side requests a step must see before promotion (<c>min_requests</c>).</summary>
    public int MinRequests { get; set; } = 200;

    /// <summary>Roll back when the new side's error rate is above this fraction (<c>rollback_if.error_rate_above</c>).</summary>
    public double? ErrorRateAbove { get; set; }

    /// <summary>Roll back when new p95 ÷ old p95 is above this ratio (<c>rollback_if.p95_latency_ratio_above</c>).</summary>
    public double? P95LatencyRatioAbove { get; set; }

    /// <summary><c>key</c>, <c>user</c> or <c>metadata.&lt;field&gt;</c> (<c>sticky_by</c>).</summary>
    public string StickyBy { get; set; } = "key";

    internal static RolloutOptions Read(ConfigMap map)
    {
        var options = new RolloutOptions { To = map.String("to") ?? "" };
        if (map.Has("steps"))
        {
            var steps = new List<double>();
            foreach (var text in map.StringList("steps"))
            {
                if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var step))
                {
                    steps.Add(step);
                }
                else
                {
                    map.AddError("steps", "must be a list of numbers (percent of traffic)");
                }
            }

            options.Steps = steps;
        }

        options.StepAfterS = map.Double("step_after_s") ?? options.StepAfterS;
        options.MinRequests = map.Int("min_requests") ?? options.MinRequests;
        options.StickyBy = map.OptionalString("sticky_by") ?? options.StickyBy;
        if (map.Map("rollback_if") is { } rollback)
        {
            options.ErrorRateAbove = rollback.Double("error_rate_above");
            options.P95LatencyRatioAbove = rollback.Double("p95_latency_ratio_above");
        }

        return options;
    }
}
