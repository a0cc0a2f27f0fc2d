namespace Junction.Configuration;

/// <summary>A model's <c>shadow</c> block: mirror a sample of its requests to another public model and compare the answers.</summary>
public sealed class ShadowOptions
{
    /// <summary>The public model that receives the mirrored requests (<c>target</c>); its own routing applies.</summary>
    public string Target { get; set; } = "";

    /// <summary>The fraction of requests mirrored, 0..1 (<c>sample</c>).</summary>
    public double Sample { get; set; } = 0.1;

    /// <summary>Shadow calls in flight at most (<c>max_in_flight</c>); over it a request is not mirrored (and counted).</summary>
    public int MaxInFlight { get; set; } = 20;

    /// <summary>What to compare (<c>compare</c>): latency, errors, usage, cost, text, json, tool_calls.</summary>
    public List<string> Compare { get; set; } = ["latency", "errors", "usage", "cost", "text", "json", "tool_calls"];

    internal static ShadowOptions Read(ConfigMap map)
    {
        var options = new ShadowOptions
        {
            Target = map.String("target") ?? "",
        };
        options.Sample = map.Double("sample") ?? options.Sample;
        options.MaxInFlight = map.Int("max_in_flight") ?? options.MaxInFlight;
        if (map.Has("compare"))
        {
            options.Compare = [.. map.StringList("compare")];
        }

        return options;
    }
}
