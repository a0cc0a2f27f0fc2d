namespace Junction.Configuration;

/// <summary>Checks each deployment against its provider: known provider, required keys set, no other provider's keys.</summary>
internal static class DeploymentProviderValidator
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

    private static void Validate(DeploymentOptions deployment, string path, List<ConfigError> errors)
    {
        var line = ConfigPaths.Line(deployment.Line);
        if (string.IsNullOrEmpty(deployment.Provider))
        {
            errors.Add(new($"{path}.provider", line, $"is required; known providers: {ProviderCatalog.KnownNames}"));
            return;
        }

        if (ProviderCatalog.Find(deployment.Provider) is not { } spec)
        {
            // The provider text is not echoed: a misplaced secret must never reach an error message.
            var suggestion = KeySuggester.Suggest(deployment.Provider, ProviderCatalog.Providers.Keys);
            var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
            errors.Add(new($"{path}.provider", line, $"unknown provider; known providers: {ProviderCatalog.KnownNames}{hint}"));
            return;
        }

        foreach (var key in DeploymentKeys.All)
        {
            if (!spec.AllowedKeys.Contains(key.Name) && key.IsSet(deployment))
            {
                var takers = string.Join(", ", ProviderCatalog.ProvidersTaking(key.Name));
                errors.Add(new($"{path}.{key.Name}", line, $"'{key.Name}' is not a key of {spec.DeploymentNoun} (it is for: {takers})"));
            }
        }

        foreach (var required in spec.RequiredKeys)
        {
            if (!DeploymentKeys.All.First(k => k.Name == required).IsSet(deployment))
            {
                errors.Add(new($"{path}.{required}", line, $"is required for {spec.DeploymentNoun}"));
            }
        }
    }
}
