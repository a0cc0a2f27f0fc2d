namespace Junction.Configuration;

/// <summary>
/// Checks that deployment ids (explicit or derived) are unique across all models. Two derived ids can only collide
/// when model names do, which <see cref="ModelsValidator"/> reports, so that case is not reported twice.
/// </summary>
internal static class DeploymentIdValidator
{
    public static void Validate(List<ModelOptions> models, List<ConfigError> errors)
    {
        var firstById = new Dictionary<string, (string Path, bool Derived)>(StringComparer.Ordinal);
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
                    continue;
                }

                var derived = id == $"{models[i].Name}/{j}";
                if (firstById.TryAdd(id, (path, derived)))
                {
                    continue;
                }

                var first = firstById[id];
                if (!(derived && first.Derived))
                {
                    errors.Add(new($"{path}.id", ConfigPaths.Line(deployment.Line), $"duplicates the id of {first.Path}"));
                }
            }
        }
    }
}
