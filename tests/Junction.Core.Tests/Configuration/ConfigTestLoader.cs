using Junction.Configuration;

namespace Junction.Tests.Configuration;

/// <summary>Loads YAML with a fake environment and formats errors for assertions.</summary>
internal static class ConfigTestLoader
{
    public static ConfigLoadResult Load(string yaml, params (string Name, string Value)[] environment)
    {
        var env = environment.ToDictionary(static e => e.Name, static e => e.Value, StringComparer.Ordinal);
        return JunctionConfigLoader.LoadText(yaml, "test.yaml", name => env.GetValueOrDefault(name));
    }

    public static JunctionOptions LoadValid(string yaml, params (string Name, string Value)[] environment)
    {
        var result = Load(yaml, environment);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Options!;
    }

    /// <summary>Every error as its <see cref="ConfigError.ToString"/> text.</summary>
    public static string[] Errors(string yaml, params (string Name, string Value)[] environment) =>
        [.. Load(yaml, environment).Errors.Select(static e => e.ToString())];

    /// <summary>A valid config with one mock model; append keys to test them.</summary>
    public const string MockModel = """
        models:
          - name: demo
            deployments:
              - provider: mock
        """;
}
