namespace Junction.Configuration;

/// <summary>Checks the ranges and formats of deployment values.</summary>
internal static class DeploymentValuesValidator
{
    public static void Validate(List<ModelOptions> models, List<ConfigError> errors)
    {
        for (var i = 0; i < models.Count; i++)
        {
            for (var j = 0; j < models[i].Deployments.Count; j++)
            {
                Validate(models[i].Deployments[j], ConfigPaths.Deployment(i, j), errors);
            }
        }
    }

    private static void Validate(DeploymentOptions d, string path, List<ConfigError> errors)
    {
        var line = ConfigPaths.Line(d.Line);
        if (!(d.Weight > 0) || !double.IsFinite(d.Weight))
        {
            errors.Add(new($"{path}.weight", line, "must be greater than 0"));
        }

        if (d.Priority < 0)
        {
            errors.Add(new($"{path}.priority", line, "must be 0 or greater"));
        }

        if (d.Rpm is <= 0)
        {
            errors.Add(new($"{path}.rpm", line, "must be greater than 0"));
        }

        if (d.Tpm is <= 0)
        {
            errors.Add(new($"{path}.tpm", line, "must be greater than 0"));
        }

        foreach (var (key, cost) in new[]
        {
            (DeploymentKeys.InputCostPer1M, d.InputCostPer1M),
            (DeploymentKeys.OutputCostPer1M, d.OutputCostPer1M),
            (DeploymentKeys.CachedInputCostPer1M, d.CachedInputCostPer1M),
            (DeploymentKeys.CostPerImage, d.CostPerImage),
            (DeploymentKeys.AudioCostPerMinute, d.AudioCostPerMinute),
        })
        {
            if (cost is < 0 or > 1_000_000)
            {
                errors.Add(new($"{path}.{key}", line, key.StartsWith("cost_per_image", StringComparison.Ordinal) || key.StartsWith("audio", StringComparison.Ordinal) ? "must be between 0 and 1000000 (USD)" : "must be between 0 and 1000000 (USD per 1M tokens)"));
            }
        }

        if (d.LatencyMs is < 0)
        {
            errors.Add(new($"{path}.latency_ms", line, "must be 0 or greater"));
        }

        if (d.BaseUrl is { } baseUrl && !IsHttpUrl(baseUrl))
        {
            errors.Add(new($"{path}.base_url", line, "must be an absolute http or https URL"));
        }

        foreach (var name in d.Headers?.Keys ?? Enumerable.Empty<string>())
        {
            if (!IsHeaderName(name))
            {
                errors.Add(new($"{path}.headers", line, "has a header name that is not a valid HTTP token"));
            }
        }
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;

    private static bool IsHeaderName(string name) =>
        name.Length > 0 && name.All(static c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
