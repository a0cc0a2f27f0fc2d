using System.Collections.Frozen;

namespace Junction.Configuration;

/// <summary>
/// Every key a deployment can have, for any provider. To add one: add the property to <see cref="DeploymentOptions"/>,
/// a row here, and its name to the providers in <see cref="ProviderCatalog"/> that take it.
/// </summary>
internal static class DeploymentKeys
{
    public const string Provider = "provider";
    public const string Id = "id";
    public const string Model = "model";
    public const string BaseUrl = "base_url";
    public const string ApiKey = "api_key";
    public const string Organization = "organization";
    public const string Project = "project";
    public const string Headers = "headers";
    public const string LatencyMs = "latency_ms";
    public const string Endpoint = "endpoint";
    public const string AzureDeployment = "deployment";
    public const string ApiVersion = "api_version";
    public const string Auth = "auth";
    public const string AzureAdToken = "azure_ad_token";
    public const string EntraScope = "entra_scope";
    public const string BaseModel = "base_model";
    public const string Weight = "weight";
    public const string Priority = "priority";
    public const string Rpm = "rpm";
    public const string Tpm = "tpm";
    public const string InputCostPer1M = "input_cost_per_1m";
    public const string OutputCostPer1M = "output_cost_per_1m";
    public const string CachedInputCostPer1M = "cached_input_cost_per_1m";
    public const string CostPerImage = "cost_per_image";
    public const string AudioCostPerMinute = "audio_cost_per_minute";

    // Bedrock
    public const string Region = "region";
    public const string AccessKeyId = "access_key_id";
    public const string SecretAccessKey = "secret_access_key";
    public const string SessionToken = "session_token";
    public const string DropUnsupportedParams = "drop_unsupported_params";
    public const string MaxTokensDefault = "max_tokens_default";
    public const string ModelFamily = "model_family";

    /// <summary>All keys, in reading order.</summary>
    public static readonly DeploymentKey[] All =
    [
        new(Provider, static (m, k, d) => d.Provider = m.String(k) ?? d.Provider, static d => d.Provider.Length > 0),
        new(Id, static (m, k, d) => d.Id = m.OptionalString(k), static d => d.Id is not null),
        new(Model, static (m, k, d) => d.Model = m.OptionalString(k), static d => d.Model is not null),
        new(BaseUrl, static (m, k, d) => d.BaseUrl = m.OptionalString(k), static d => d.BaseUrl is not null),
        new(ApiKey, static (m, k, d) => d.ApiKey = m.Secret(k), static d => d.ApiKey is not null),
        new(Organization, static (m, k, d) => d.Organization = m.OptionalString(k), static d => d.Organization is not null),
        new(Project, static (m, k, d) => d.Project = m.OptionalString(k), static d => d.Project is not null),
        new(Headers, static (m, k, d) => d.Headers = m.StringMap(k), static d => d.Headers is not null),
        new(LatencyMs, static (m, k, d) => d.LatencyMs = m.Int(k), static d => d.LatencyMs is not null),
        new(Endpoint, static (m, k, d) => d.Endpoint = m.OptionalString(k), static d => d.Endpoint is not null),
        new(AzureDeployment, static (m, k, d) => d.AzureDeployment = m.OptionalString(k), static d => d.AzureDeployment is not null),
        new(ApiVersion, static (m, k, d) => d.ApiVersion = m.OptionalString(k), static d => d.ApiVersion is not null),
        new(Auth, static (m, k, d) => d.Auth = m.OptionalString(k), static d => d.Auth is not null),
        new(AzureAdToken, static (m, k, d) => d.AzureAdToken = m.Secret(k), static d => d.AzureAdToken is not null),
        new(EntraScope, static (m, k, d) => d.EntraScope = m.OptionalString(k), static d => d.EntraScope is not null),
        new(BaseModel, static (m, k, d) => d.BaseModel = m.OptionalString(k), static d => d.BaseModel is not null),
        new(Weight, static (m, k, d) => d.Weight = m.Double(k) ?? d.Weight, static _ => true),
        new(Priority, static (m, k, d) => d.Priority = m.Int(k) ?? d.Priority, static _ => true),
        new(Rpm, static (m, k, d) => d.Rpm = m.Int(k), static d => d.Rpm is not null),
        new(Tpm, static (m, k, d) => d.Tpm = m.Int(k), static d => d.Tpm is not null),
        new(Region, static (m, k, d) => d.Region = m.OptionalString(k), static d => d.Region is not null),
        new(AccessKeyId, static (m, k, d) => d.AccessKeyId = m.OptionalString(k), static d => d.AccessKeyId is not null),
        new(SecretAccessKey, static (m, k, d) => d.SecretAccessKey = m.Secret(k), static d => d.SecretAccessKey is not null),
        new(SessionToken, static (m, k, d) => d.SessionToken = m.Secret(k), static d => d.SessionToken is not null),
        new(DropUnsupportedParams, static (m, k, d) => d.DropUnsupportedParams = m.Bool(k), static d => d.DropUnsupportedParams is not null),
        new(MaxTokensDefault, static (m, k, d) => d.MaxTokensDefault = m.Int(k), static d => d.MaxTokensDefault is not null),
        new(ModelFamily, static (m, k, d) => d.ModelFamily = m.OptionalString(k), static d => d.ModelFamily is not null),
        new(InputCostPer1M, static (m, k, d) => d.InputCostPer1M = m.Double(k), static d => d.InputCostPer1M is not null),
        new(OutputCostPer1M, static (m, k, d) => d.OutputCostPer1M = m.Double(k), static d => d.OutputCostPer1M is not null),
        new(CachedInputCostPer1M, static (m, k, d) => d.CachedInputCostPer1M = m.Double(k), static d => d.CachedInputCostPer1M is not null),
        new(CostPerImage, static (m, k, d) => d.CostPerImage = m.Double(k), static d => d.CostPerImage is not null),
        new(AudioCostPerMinute, static (m, k, d) => d.AudioCostPerMinute = m.Double(k), static d => d.AudioCostPerMinute is not null),
    ];

    /// <summary>Keys every provider takes.</summary>
    public static readonly FrozenSet<string> Common =
        FrozenSet.Create(StringComparer.Ordinal, Provider, Id, Weight, Priority, Rpm, Tpm,
            InputCostPer1M, OutputCostPer1M, CachedInputCostPer1M, CostPerImage, AudioCostPerMinute);
}
