namespace Junction.Configuration;

/// <summary>The values of an azure deployment's <c>auth</c> key.</summary>
public static class AzureAuthModes
{
    /// <summary>The <c>api-key</c> header with <c>api_key</c> (the default when <c>api_key</c> is set).</summary>
    public const string ApiKey = "api-key";

    /// <summary>Microsoft Entra ID tokens from Azure.Identity's <c>DefaultAzureCredential</c>.</summary>
    public const string Entra = "entra";
}
