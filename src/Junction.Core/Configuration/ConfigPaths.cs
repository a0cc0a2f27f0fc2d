namespace Junction.Configuration;

/// <summary>Key paths as they appear in <see cref="ConfigError.Path"/>.</summary>
internal static class ConfigPaths
{
    public static string Model(int model) => $"models[{model}]";

    public static string Deployment(int model, int deployment) => $"models[{model}].deployments[{deployment}]";

    public static int? Line(int line) => line > 0 ? line : null;
}
