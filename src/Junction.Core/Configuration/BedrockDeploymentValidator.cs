using Junction.Providers.Bedrock;

namespace Junction.Configuration;

/// <summary>
/// Checks what only a Bedrock deployment can get wrong: the region's form, the endpoint URL, credentials given
/// in pairs (<c>access_key_id</c> with <c>secret_access_key</c>), <c>api_key</c> not mixed with IAM keys,
/// <c>max_tokens_default</c> and <c>model_family</c>.
/// </summary>
internal static class BedrockDeploymentValidator
{
    public static void Validate(List<ModelOptions> models, List<ConfigError> errors)
    {
        for (var i = 0; i < models.Count; i++)
        {
            for (var j = 0; j < models[i].Deployments.Count; j++)
            {
                var deployment = models[i].Deployments[j];
                if (deployment.Provider == ProviderNames.Bedrock)
                {
                    Validate(deployment, ConfigPaths.Deployment(i, j), errors);
                }
            }
        }
    }

    private static void Validate(DeploymentOptions d, string path, List<ConfigError> errors)
    {
        var line = ConfigPaths.Line(d.Line);
        if (d.Region is { } region && !IsRegion(region))
        {
            errors.Add(new($"{path}.region", line, "must be an AWS region name such as us-east-1"));
        }

        if (d.Endpoint is { } endpoint && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0))
        {
            errors.Add(new($"{path}.endpoint", line, "must be an absolute http or https URL"));
        }

        if ((d.AccessKeyId is null) != (d.SecretAccessKey is null))
        {
            var missing = d.AccessKeyId is null ? DeploymentKeys.AccessKeyId : DeploymentKeys.SecretAccessKey;
            errors.Add(new($"{path}.{missing}", line, "access_key_id and secret_access_key go together: set both, or neither to use the AWS default credential chain"));
        }

        if (d.SessionToken is not null && d.AccessKeyId is null)
        {
            errors.Add(new($"{path}.session_token", line, "needs access_key_id and secret_access_key"));
        }

        if (d.ApiKey is not null && (d.AccessKeyId is not null || d.SecretAccessKey is not null || d.SessionToken is not null))
        {
            errors.Add(new($"{path}.api_key", line, "a Bedrock API key (bearer) excludes access_key_id, secret_access_key and session_token; choose one"));
        }

        if (d.MaxTokensDefault is < 1)
        {
            errors.Add(new($"{path}.max_tokens_default", line, "must be 1 or greater"));
        }

        if (d.ModelFamily is { } family && !BedrockModelFamilyNames.All.ContainsKey(family))
        {
            errors.Add(new($"{path}.model_family", line, $"must be one of: {BedrockModelFamilyNames.Known}"));
        }
    }

    private static bool IsRegion(string region) =>
        region.Length is > 0 and <= 32 && region.All(static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && char.IsAsciiLetterLower(region[0]) && char.IsAsciiDigit(region[^1]);
}
