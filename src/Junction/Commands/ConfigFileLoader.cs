using System.CommandLine;
using Junction.Configuration;

namespace Junction.Cli.Commands;

/// <summary>Loading a config file for a command, printing every problem when it is invalid.</summary>
internal static class ConfigFileLoader
{
    public const string DefaultPath = "junction.yaml";

    public static JunctionOptions? Load(string path, TextWriter error)
    {
        var result = JunctionConfigLoader.LoadFile(path);
        if (result.IsValid)
        {
            return result.Options;
        }

        error.WriteLine($"{path}: the configuration is not valid ({result.Errors.Count} problem{(result.Errors.Count == 1 ? "" : "s")}):");
        foreach (var problem in result.Errors)
        {
            error.WriteLine($"  - {problem}");
        }

        return null;
    }

    public static Option<string> CreateOption() => new("--config", "-c")
    {
        Description = "Path to the YAML config file.",
        DefaultValueFactory = _ => DefaultPath,
    };
}
