using Junction.Configuration;

namespace Junction.Extensions.AI;

/// <summary>
/// Builds one public model in code: its deployments (<see cref="OpenAI"/>, <see cref="Azure"/>, <see cref="Bedrock"/>, <see cref="Mock"/>, or any provider through
/// <see cref="Deployment"/>) and its routing. The result is the same <see cref="ModelOptions"/> the YAML loader makes,
/// validated by the same rules.
/// </summary>
public sealed class JunctionModelBuilder
{
    internal JunctionModelBuilder(ModelOptions options) => Options = options;

    /// <summary>The model's options, for anything the helpers do not cover.</summary>
    public ModelOptions Options { get; }

    /// <summary>Adds a deployment of <paramref name="provider"/> (a config provider name, e.g. <c>openai</c>) and lets <paramref name="configure"/> fill it in.</summary>
    public JunctionModelBuilder Deployment(string provider, Action<DeploymentOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        var deployment = new DeploymentOptions { Provider = provider };
        configure?.Invoke(deployment);
        Options.Deployments.Add(deployment);
        return this;
    }

    /// <summary>Adds an OpenAI (or OpenAI-compatible) deployment; <paramref name="baseUrl"/> defaults to OpenAI's.</summary>
    public JunctionModelBuilder OpenAI(string model, string? apiKey = null, string? baseUrl = null, Action<DeploymentOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        return Deployment(ProviderNames.OpenAI, d =>
        {
            d.Model = model;
            d.ApiKey = apiKey;
            d.BaseUrl = baseUrl;
            configure?.Invoke(d);
        });
    }

    /// <summary>
    /// Adds an Azure OpenAI deployment. Give <paramref name="apiKey"/>, or leave it null and set <c>Auth = "entra"</c>
    /// (or <c>AzureAdToken</c>) in <paramref name="configure"/>; <paramref name="apiVersion"/> defaults to <c>2024-10-21</c>.
    /// </summary>
    public JunctionModelBuilder Azure(string endpoint, string deployment, string? apiKey = null, string? apiVersion = null, Action<DeploymentOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(deployment);
        return Deployment(ProviderNames.Azure, d =>
        {
            d.Endpoint = endpoint;
            d.AzureDeployment = deployment;
            d.ApiKey = apiKey;
            d.ApiVersion = apiVersion;
            configure?.Invoke(d);
        });
    }

    /// <summary>
    /// Adds an Amazon Bedrock deployment; credentials come from the AWS default chain unless <paramref name="configure"/>
    /// sets <c>AccessKeyId</c>/<c>SecretAccessKey</c> or <c>ApiKey</c>.
    /// </summary>
    public JunctionModelBuilder Bedrock(string model, string region, Action<DeploymentOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentException.ThrowIfNullOrEmpty(region);
        return Deployment(ProviderNames.Bedrock, d =>
        {
            d.Model = model;
            d.Region = region;
            configure?.Invoke(d);
        });
    }

    /// <summary>Adds an offline mock deployment: deterministic answers, streams and embeddings, no network.</summary>
    public JunctionModelBuilder Mock(string? model = null, int latencyMs = 0, Action<DeploymentOptions>? configure = null) =>
        Deployment(ProviderNames.Mock, d =>
        {
            d.Model = model;
            d.LatencyMs = latencyMs;
            configure?.Invoke(d);
        });

    /// <summary>Sets this model's routing (strategy, retries, timeouts, fallbacks, cooldown).</summary>
    public JunctionModelBuilder Routing(Action<RoutingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Options.Routing ??= new RoutingOptions();
        configure(Options.Routing);
        return this;
    }
}
