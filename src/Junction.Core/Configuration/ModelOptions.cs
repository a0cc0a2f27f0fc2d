namespace Junction.Configuration;

/// <summary>One entry of <c>models</c>: a public model name served by one or more deployments.</summary>
public sealed class ModelOptions
{
    /// <summary>The public name clients send as <c>model</c> (<c>name</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The upstream deployments that can serve this model (<c>deployments</c>).</summary>
    public List<DeploymentOptions> Deployments { get; set; } = [];

    /// <summary>Per-model routing overrides (<c>routing</c>); null uses the <c>router</c> defaults.</summary>
    public RoutingOptions? Routing { get; set; }

    /// <summary>Shadow traffic to another model (<c>shadow</c>).</summary>
    public ShadowOptions? Shadow { get; set; }

    /// <summary>A percentage rollout to another model (<c>rollout</c>).</summary>
    public RolloutOptions? Rollout { get; set; }

    /// <summary>Recording a sample of requests for replay (<c>recording</c>).</summary>
    public RecordingOptions? Recording { get; set; }

    /// <summary>The 1-based line of this entry in the config file; 0 when built in code.</summary>
    public int Line { get; set; }

    internal static ModelOptions Read(ConfigMap map) => new()
    {
        Line = map.Line,
        Name = map.String("name") ?? "",
        Deployments = [.. map.List("deployments").Select(DeploymentOptions.Read)],
        Routing = map.Map("routing") is { } routing ? RoutingOptions.Read(routing) : null,
        Shadow = map.Map("shadow") is { } shadow ? ShadowOptions.Read(shadow) : null,
        Rollout = map.Map("rollout") is { } rollout ? RolloutOptions.Read(rollout) : null,
        Recording = map.Map("recording") is { } recording ? RecordingOptions.Read(recording) : null,
    };
}
