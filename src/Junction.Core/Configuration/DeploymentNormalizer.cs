namespace Junction.Configuration;

/// <summary>Gives every deployment an id and its provider's defaults, so later stages never see them unset.</summary>
internal static class DeploymentNormalizer
{
    public static void Normalize(JunctionOptions options)
    {
        foreach (var model in options.Models)
        {
            for (var j = 0; j < model.Deployments.Count; j++)
            {
                var deployment = model.Deployments[j];
                deployment.Id ??= $"{model.Name}/{j}";
                ProviderCatalog.Find(deployment.Provider)?.ApplyDefaults?.Invoke(deployment);
            }
        }
    }
}
