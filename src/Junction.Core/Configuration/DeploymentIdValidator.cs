namespace Junction.Configuration;

/// <summary>Checks that deployment ids (explicit or derived) are unique across all models.</summary>
internal static class DeploymentIdValidator
{
    public static void Validate(List<ModelOptions> models, List<ConfigError> errors)
    {
        var firstById = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < models.Count; i++)
        {
            for (var j = 0; j < models[i].Deployments.Count; j++)
            {
                var deployment = models[i].Deployments[j];
                var path = ConfigPaths.Deployment(i, j);
                if (deployment.Id is not { } id)
                {
                    continue;
                }

                if (id.Length == 0)
                {
                    errors.Add(new($"{path}.id", ConfigPaths.Line(deployment.Line), "must not be empty"));
                }
                else if (!firstById.TryAdd(id, path))
                {
                    errors.Add(new($"{path}.id", ConfigPaths.Line(deployment.Line), $"duplicates the id of {firstById[id]}"));
                }
            }
        }
    }
}
