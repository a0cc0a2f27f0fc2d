namespace Junction.Configuration;

/// <summary>Checks the <c>models</c> list: at least one, unique non-empty names, deployments, routing overrides.</summary>
internal static class ModelsValidator
{
    public static void Validate(List<ModelOptions> models, List<ConfigError> errors)
    {
        if (models.Count == 0)
        {
            errors.Add(new("models", null, "must list at least one model"));
        }

        var firstByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < models.Count; i++)
        {
            var model = models[i];
            var path = ConfigPaths.Model(i);
            var line = ConfigPaths.Line(model.Line);
            if (string.IsNullOrWhiteSpace(model.Name))
            {
                errors.Add(new($"{path}.name", line, "is required and must not be empty"));
            }
            else if (!firstByName.TryAdd(model.Name, i))
            {
                errors.Add(new($"{path}.name", line, $"duplicates the name of {ConfigPaths.Model(firstByName[model.Name])}"));
            }

            if (model.Deployments.Count == 0)
            {
                errors.Add(new($"{path}.deployments", line, "must list at least one deployment"));
            }

            if (model.Routing is { } routing)
            {
                RoutingValidator.Validate(routing, model.Name, models, path, line, errors);
                if (routing.TimeoutS is { } timeout)
                {
                    RouterOptionsValidator.CheckTimeout(timeout, $"{path}.routing.timeout_s", line, errors);
                }

                if (routing.Retries is { } retries)
                {
                    RouterOptionsValidator.CheckRetries(retries, $"{path}.routing.retries", line, errors);
                }
            }
        }
    }
}
