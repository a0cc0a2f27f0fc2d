namespace Junction.Configuration;

/// <summary>The <c>router</c> block: defaults for every model, and gateway-wide routing switches.</summary>
public sealed class RouterOptions
{
    /// <summary>Retries when a model sets none (<c>default_retries</c>), 0..10.</summary>
    public int DefaultRetries { get; set; } = 1;

    /// <summary>The whole-request timeout in seconds when a model sets none (<c>default_timeout_s</c>), greater than 0.</summary>
    public double DefaultTimeoutS { get; set; } = 600;

    /// <summary>The strategy when a model sets none (<c>default_strategy</c>).</summary>
    public string DefaultStrategy { get; set; } = RoutingStrategyNames.Weighted;

    /// <summary>Whether clients may narrow or override routing per request with <c>x-junction-config</c> (<c>allow_request_overrides</c>).</summary>
    public bool AllowRequestOverrides { get; set; } = true;

    /// <summary>Whether the config file is watched and reloaded when it changes (<c>watch_config</c>).</summary>
    public bool WatchConfig { get; set; } = true;

    internal static RouterOptions Read(ConfigMap map)
    {
        var options = new RouterOptions();
        options.DefaultRetries = map.Int("default_retries") ?? options.DefaultRetries;
        options.DefaultTimeoutS = map.Double("default_timeout_s") ?? options.DefaultTimeoutS;
        options.DefaultStrategy = map.OptionalString("default_strategy") ?? options.DefaultStrategy;
        options.AllowRequestOverrides = map.Bool("allow_request_overrides") ?? options.AllowRequestOverrides;
        options.WatchConfig = map.Bool("watch_config") ?? options.WatchConfig;
        return options;
    }
}
