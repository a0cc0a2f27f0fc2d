using Junction.Configuration;

namespace Junction.Providers.Azure;

/// <summary>
/// How one azure deployment authenticates: the <c>api-key</c> header, a static bearer token (<c>azure_ad_token</c>),
/// or Microsoft Entra tokens for <see cref="EntraScope"/> (fetched and cached by <see cref="AzureTokenCache"/>).
/// </summary>
internal sealed record AzureAuth(string? ApiKey, string? StaticBearer, string? EntraScope)
{
    public static AzureAuth From(DeploymentOptions options) =>
        options.Auth == AzureAuthModes.Entra
            ? new AzureAuth(null, null, options.EntraScope ?? ProviderCatalog.AzureDefaultEntraScope)
            : new AzureAuth(options.ApiKey, options.ApiKey is null ? options.AzureAdToken : null, null);

    public bool UsesEntra => EntraScope is not null;

    /// <summary>The configured secret (key or static token), to scrub from error messages.</summary>
    public string? Secret => ApiKey ?? StaticBearer;

    /// <summary>Sets <c>api-key</c> or <c>Authorization: Bearer</c>; <paramref name="entraToken"/> is used for Entra auth.</summary>
    public void Apply(HttpRequestMessage request, string? entraToken)
    {
        if (ApiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("api-key", ApiKey);
        }
        else if ((StaticBearer ?? entraToken) is { } token)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }
    }
}
