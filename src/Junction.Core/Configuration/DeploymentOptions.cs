namespace Junction.Configuration;

/// <summary>
/// One upstream deployment of a model. Which keys a deployment may set depends on its provider
/// (see <see cref="ProviderCatalog"/>); the keys themselves are listed in <see cref="DeploymentKeys"/>.
/// </summary>
public sealed class DeploymentOptions
{
    /// <summary>The provider (<c>provider</c>), one of <see cref="ProviderNames"/>.</summary>
    public string Provider { get; set; } = "";

    /// <summary>A unique id (<c>id</c>); validation assigns <c>"{model name}/{index}"</c> when unset.</summary>
    public string? Id { get; set; }

    /// <summary>The upstream model id (<c>model</c>).</summary>
    public string? Model { get; set; }

    /// <summary>The upstream base URL (<c>base_url</c>), absolute http or https.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The upstream API key (<c>api_key</c>); a secret, never logged or echoed.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The OpenAI organization header (<c>organization</c>).</summary>
    public string? Organization { get; set; }

    /// <summary>The OpenAI project header (<c>project</c>).</summary>
    public string? Project { get; set; }

    /// <summary>Extra headers sent upstream (<c>headers</c>).</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>The mock provider's simulated latency in milliseconds (<c>latency_ms</c>), 0 or more.</summary>
    public int? LatencyMs { get; set; }

    /// <summary>The share of traffic (<c>weight</c>), greater than 0.</summary>
    public double Weight { get; set; } = 1;

    /// <summary>Lower is tried first (<c>priority</c>), 0 or more.</summary>
    public int Priority { get; set; }

    /// <summary>Requests per minute this deployment accepts (<c>rpm</c>), greater than 0 when set.</summary>
    public int? Rpm { get; set; }

    /// <summary>Tokens per minute this deployment accepts (<c>tpm</c>), greater than 0 when set.</summary>
    public int? Tpm { get; set; }

    /// <summary>USD per 1M input tokens (<c>input_cost_per_1m</c>), overriding the shipped price table; 0 or more.</summary>
    public double? InputCostPer1M { get; set; }

    /// <summary>USD per 1M output tokens (<c>output_cost_per_1m</c>), overriding the shipped price table; 0 or more.</summary>
    public double? OutputCostPer1M { get; set; }

    /// <summary>USD per 1M cached input tokens (<c>cached_input_cost_per_1m</c>); defaults to the input price; 0 or more.</summary>
    public double? CachedInputCostPer1M { get; set; }

    /// <summary>The 1-based line of this entry in the config file; 0 when built in code.</summary>
    public int Line { get; set; }

    internal static DeploymentOptions Read(ConfigMap map)
    {
        var options = new DeploymentOptions { Line = map.Line };
        foreach (var key in DeploymentKeys.All)
        {
            key.Read(map, key.Name, options);
        }

        return options;
    }
}
