namespace Junction.Configuration;

/// <summary>Checks azure deployments: a valid endpoint and api_version, and exactly one way to authenticate.</summary>
internal static class AzureDeploymentValidator
{
    public static void Validate(List<ModelOptions> models, List<ConfigError> errors)
    {
        for (var i = 0; i < models.Count; i++)
        {
            for (var j = 0; j < models[i].Deployments.Count; j++)
            {
                if (models[i].Deployments[j] is { Provider: ProviderNames.Azure } deployment)
                {
                    Validate(deployment, ConfigPaths.Deployment(i, j), errors);
                }
            }
        }
    }

    private static void Validate(DeploymentOptions d, string path, List<ConfigError> errors)
    {
        var line = ConfigPaths.Line(d.Line);
        if (d.Endpoint is { } endpoint && !DeploymentValuesValidator.IsHttpUrl(endpoint))
        {
            errors.Add(new($"{path}.endpoint", line, "must be an absolute http or https URL, e.g. https://my-resource.openai.azure.com"));
        }

        if (d.AzureDeployment is { } name && (name.Contains('/', StringComparison.Ordinal) || name.Contains('?', StringComparison.Ordinal)))
        {
            errors.Add(new($"{path}.deployment", line, "must be a deployment name, without '/' or '?'"));
        }

        if (!AzureApiVersion.IsValid(d.ApiVersion))
        {
            errors.Add(new($"{path}.api_version", line, "must be 'v1', 'preview' or a date YYYY-MM-DD with an optional '-preview' (e.g. 2024-10-21)"));
        }

        if (d.Auth is { } auth && auth is not (AzureAuthModes.ApiKey or AzureAuthModes.Entra))
        {
            errors.Add(new($"{path}.auth", line, $"must be '{AzureAuthModes.ApiKey}' or '{AzureAuthModes.Entra}'"));
            return;
        }

        var sources = (d.ApiKey is not null ? 1 : 0) + (d.AzureAdToken is not null ? 1 : 0) + (d.Auth == AzureAuthModes.Entra ? 1 : 0);
        if (sources == 0)
        {
            var hint = d.Auth == AzureAuthModes.ApiKey ? "auth: api-key needs api_key" : "set api_key, azure_ad_token, or auth: entra";
            errors.Add(new($"{path}.api_key", line, $"an azure deployment needs exactly one way to authenticate: {hint}"));
        }
        else if (sources > 1)
        {
            errors.Add(new($"{path}.auth", line, "an azure deployment takes exactly one of api_key, azure_ad_token and auth: entra"));
        }
        else if (d.Auth == AzureAuthModes.ApiKey && d.ApiKey is null)
        {
            errors.Add(new($"{path}.api_key", line, "is required with auth: api-key"));
        }

        if (d.EntraScope is not null && d.Auth != AzureAuthModes.Entra)
        {
            errors.Add(new($"{path}.entra_scope", line, "applies only with auth: entra"));
        }
    }
}
