namespace Junction.Configuration;

/// <summary>The <c>governance</c> block: how virtual keys are cached and how budget reservations are estimated.</summary>
public sealed class GovernanceOptions
{
    /// <summary>How long a looked-up virtual key is cached in memory, in seconds (<c>key_cache_ttl_s</c>), 0..300.</summary>
    public double KeyCacheTtlS { get; set; } = 10;

    /// <summary>
    /// Output tokens assumed when reserving budget for a request that sets no <c>max_tokens</c>
    /// (<c>default_output_tokens</c>), 1..1,000,000.
    /// </summary>
    public int DefaultOutputTokens { get; set; } = 1000;

    internal static GovernanceOptions Read(ConfigMap map)
    {
        var options = new GovernanceOptions();
        options.KeyCacheTtlS = map.Double("key_cache_ttl_s") ?? options.KeyCacheTtlS;
        options.DefaultOutputTokens = map.Int("default_output_tokens") ?? options.DefaultOutputTokens;
        return options;
    }
}
