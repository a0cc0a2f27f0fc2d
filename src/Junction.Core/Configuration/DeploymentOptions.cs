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

    /// <summary>The AWS region of a Bedrock deployment (<c>region</c>), also the SigV4 signing region.</summary>
    public string? Region { get; set; }

    /// <summary>The Bedrock Runtime endpoint (<c>endpoint</c>); default <c>https://bedrock-runtime.{region}.amazonaws.com</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The IAM access key id (<c>access_key_id</c>); without it the AWS default credential chain is used.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The IAM secret access key (<c>secret_access_key</c>); a secret, never logged or echoed.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>The STS session token (<c>session_token</c>) of temporary credentials; a secret.</summary>
    public string? SessionToken { get; set; }

    /// <summary>Leave out request parameters the provider cannot honour instead of answering 400 (<c>drop_unsupported_params</c>).</summary>
    public bool? DropUnsupportedParams { get; set; }

    /// <summary>The output token limit sent when the client sets none (<c>max_tokens_default</c>), 1 or more.</summary>
    public int? MaxTokensDefault { get; set; }

    /// <summary>The InvokeModel body dialect when the model id does not show it, e.g. an ARN (<c>model_family</c>).</summary>
    public string? ModelFamily { get; set; }

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
