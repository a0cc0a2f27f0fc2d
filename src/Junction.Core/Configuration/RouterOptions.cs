namespace Junction.Configuration;

/// <summary>The <c>router</c> block: defaults for every model.</summary>
public sealed class RouterOptions
{
    /// <summary>Retries when a model sets none (<c>default_retries</c>), 0..10.</summary>
    public int DefaultRetries { get; set; } = 1;

    /// <summary>The per-attempt timeout in seconds when a model sets none (<c>default_timeout_s</c>), greater than 0.</summary>
    public double DefaultTimeoutS { get; set; } = 600;

    internal static RouterOptions Read(ConfigMap map)
    {
        var options = new RouterOptions();
        options.DefaultRetries = map.Int("default_retries") ?? options.DefaultRetries;
        options.DefaultTimeoutS = map.Double("default_timeout_s") ?? options.DefaultTimeoutS;
        return options;
    }
}
