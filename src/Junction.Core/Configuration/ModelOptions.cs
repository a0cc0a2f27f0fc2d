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

    /// <summary>The 1-based line of this entry in the config file; 0 when built in code.</summary>
    public int Line { get; set; }

    internal static ModelOptions Read(ConfigMap map) => new()
    {
        Line = map.Line,
        Name = map.String("name") ?? "",
        Deployments = [.. map.List("deployments").Select(DeploymentOptions.Read)],
        Routing = map.Map("routing") is { } routing ? RoutingOptions.Read(routing) : null,
    };
}
