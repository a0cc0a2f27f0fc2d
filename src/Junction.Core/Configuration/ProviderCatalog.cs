using System.Collections.Frozen;

namespace Junction.Configuration;

/// <summary>
/// The providers Junction knows and the deployment keys each takes. Adding a provider is one entry here
/// (plus any new keys in <see cref="DeploymentKeys"/>).
/// </summary>
internal static class ProviderCatalog
{
    public const string OpenAIDefaultBaseUrl = "https://api.openai.com/v1";
    public const string AzureDefaultApiVersion = "2024-10-21";
    public const string AzureDefaultEntraScope = "https://cognitiveservices.azure.com/.default";

    public static readonly FrozenDictionary<string, ProviderSpec> Providers = new ProviderSpec[]
    {
        new(
            ProviderNames.OpenAI,
            requiredKeys: [DeploymentKeys.Model],
            optionalKeys: [DeploymentKeys.BaseUrl, DeploymentKeys.ApiKey, DeploymentKeys.Organization, DeploymentKeys.Project, DeploymentKeys.Headers],
            applyDefaults: static d => d.BaseUrl ??= OpenAIDefaultBaseUrl),
        new(
            ProviderNames.Azure,
            requiredKeys: [DeploymentKeys.Endpoint, DeploymentKeys.AzureDeployment],
            optionalKeys: [DeploymentKeys.ApiVersion, DeploymentKeys.ApiKey, DeploymentKeys.Auth, DeploymentKeys.AzureAdToken,
                DeploymentKeys.EntraScope, DeploymentKeys.BaseModel, DeploymentKeys.Headers],
            applyDefaults: static d =>
            {
                d.ApiVersion ??= AzureDefaultApiVersion;
                if (d.Auth == AzureAuthModes.Entra)
                {
                    d.EntraScope ??= AzureDefaultEntraScope;
                }
            }),
        new(
            ProviderNames.Mock,
            requiredKeys: [],
            optionalKeys: [DeploymentKeys.Model, DeploymentKeys.LatencyMs]),
        new(
            ProviderNames.Bedrock,
            requiredKeys: [DeploymentKeys.Model, DeploymentKeys.Region],
            optionalKeys: [DeploymentKeys.Endpoint, DeploymentKeys.AccessKeyId, DeploymentKeys.SecretAccessKey, DeploymentKeys.SessionToken,
                DeploymentKeys.ApiKey, DeploymentKeys.DropUnsupportedParams, DeploymentKeys.MaxTokensDefault, DeploymentKeys.ModelFamily]),
    }.ToFrozenDictionary(static p => p.Name, StringComparer.Ordinal);

    /// <summary>The known provider names, sorted and comma-separated, for error messages.</summary>
    public static string KnownNames => string.Join(", ", Providers.Keys.Order(StringComparer.Ordinal));

    public static ProviderSpec? Find(string name) => Providers.GetValueOrDefault(name);

    /// <summary>The providers that take <paramref name="key"/>, sorted.</summary>
    public static IEnumerable<string> ProvidersTaking(string key) =>
        Providers.Values.Where(p => p.AllowedKeys.Contains(key)).Select(static p => p.Name).Order(StringComparer.Ordinal);
}
