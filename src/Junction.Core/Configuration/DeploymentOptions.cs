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

    /// <summary>
    /// The upstream endpoint (<c>endpoint</c>): for azure the resource URL (e.g. <c>https://my-resource.openai.azure.com</c>);
    /// for bedrock the runtime URL, default <c>https://bedrock-runtime.{region}.amazonaws.com</c>.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>The Azure OpenAI deployment name (<c>deployment</c>).</summary>
    public string? AzureDeployment { get; set; }

    /// <summary>The Azure api-version (<c>api_version</c>): a date <c>YYYY-MM-DD[-preview]</c>, or <c>v1</c> / <c>preview</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>How to authenticate to Azure (<c>auth</c>): <c>api-key</c> or <c>entra</c>.</summary>
    public string? Auth { get; set; }

    /// <summary>A static Microsoft Entra bearer token for Azure (<c>azure_ad_token</c>); a secret.</summary>
    public string? AzureAdToken { get; set; }

    /// <summary>The Entra token scope (<c>entra_scope</c>) when <c>auth: entra</c>.</summary>
    public string? EntraScope { get; set; }

    /// <summary>The model behind a deployment whose name says nothing (<c>base_model</c>), for pricing.</summary>
    public string? BaseModel { get; set; }

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

    /// <summary>USD per 1M input tokens (<c>input_cost_per_1m</c>), overriding the shipped price table; 0 or more.</summary>
    public double? InputCostPer1M { get; set; }

    /// <summary>USD per 1M output tokens (<c>output_cost_per_1m</c>), overriding the shipped price table; 0 or more.</summary>
    public double? OutputCostPer1M { get; set; }

    /// <summary>USD per 1M cached input tokens (<c>cached_input_cost_per_1m</c>); defaults to the input price; 0 or more.</summary>
    public double? CachedInputCostPer1M { get; set; }

    /// <summary>USD per generated image (<c>cost_per_image</c>), whatever its size or quality, overriding the shipped table; 0 or more.</summary>
    public double? CostPerImage { get; set; }

    /// <summary>USD per minute of audio transcribed or translated (<c>audio_cost_per_minute</c>), overriding the shipped table; 0 or more.</summary>
    public double? AudioCostPerMinute { get; set; }

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
