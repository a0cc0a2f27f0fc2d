namespace Junction.Configuration;

/// <summary>A model's <c>routing</c> block; unset values fall back to <see cref="RouterOptions"/>.</summary>
public sealed class RoutingOptions
{
    /// <summary>The per-attempt timeout in seconds (<c>timeout_s</c>), greater than 0.</summary>
    public double? TimeoutS { get; set; }

    /// <summary>How many times to retry (<c>retries</c>), 0..10.</summary>
    public int? Retries { get; set; }

    internal static RoutingOptions Read(ConfigMap map) => new()
    {
        TimeoutS = map.Double("timeout_s"),
        Retries = map.Int("retries"),
    };
}
