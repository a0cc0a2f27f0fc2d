using Junction.Configuration;

namespace Junction.Providers.Azure;

/// <summary>What the Azure adapter derives once per deployment: the operation URLs, the API style and the auth mode.</summary>
internal sealed class AzureDeploymentSettings
{
    private AzureDeploymentSettings(DeploymentOptions options)
    {
        var endpoint = options.Endpoint ?? throw new InvalidOperationException("An azure deployment needs an endpoint.");
        DeploymentName = options.AzureDeployment ?? throw new InvalidOperationException("An azure deployment needs a deployment name.");
        ApiVersion = options.ApiVersion ?? ProviderCatalog.AzureDefaultApiVersion;
        IsV1 = AzureApiVersion.IsV1(ApiVersion);
        ChatCompletions = AzureUrlBuilder.Build(endpoint, DeploymentName, ApiVersion, AzureOperation.ChatCompletions);
        Completions = AzureUrlBuilder.Build(endpoint, DeploymentName, ApiVersion, AzureOperation.Completions);
        Embeddings = AzureUrlBuilder.Build(endpoint, DeploymentName, ApiVersion, AzureOperation.Embeddings);
        ImageGenerations = AzureUrlBuilder.Build(endpoint, DeploymentName, ApiVersion, AzureOperation.ImageGenerations);
        AudioTranscriptions = AzureUrlBuilder.Build(endpoint, DeploymentName, ApiVersion, AzureOperation.AudioTranscriptions);
        AudioTranslations = AzureUrlBuilder.Build(endpoint, DeploymentName, ApiVersion, AzureOperation.AudioTranslations);
        Auth = AzureAuth.From(options);
        Headers = options.Headers is { } headers ? [.. headers] : [];
    }

    public string DeploymentName { get; }
    public string ApiVersion { get; }

    /// <summary>True for <c>v1</c>/<c>preview</c>: <c>/openai/v1</c> paths with the deployment name as <c>model</c>.</summary>
    public bool IsV1 { get; }

    public Uri ChatCompletions { get; }
    public Uri Completions { get; }
    public Uri Embeddings { get; }
    public Uri ImageGenerations { get; }
    public Uri AudioTranscriptions { get; }
    public Uri AudioTranslations { get; }

    public AzureAuth Auth { get; }

    /// <summary>Configured extra headers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The secret to scrub from upstream error messages.</summary>
    public string? Secret => Auth.Secret;

    public static AzureDeploymentSettings From(DeploymentOptions options) => new(options);
}
