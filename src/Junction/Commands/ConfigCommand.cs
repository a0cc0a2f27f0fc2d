using System.CommandLine;

namespace Junction.Cli.Commands;

/// <summary><c>junction config validate &lt;file&gt;</c>: the same loading and validation the server runs at startup.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file")
        {
            Description = "The YAML config file to check.",
            DefaultValueFactory = _ => ConfigFileLoader.DefaultPath,
        };
        var validate = new Command("validate", "Check a config file: exit 0 when valid, 1 with every problem listed otherwise.") { file };
        validate.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var output = parse.InvocationConfiguration.Output;
            var options = ConfigFileLoader.Load(path, parse.InvocationConfiguration.Error);
            if (options is null)
            {
                return 1;
            }

            var deployments = options.Models.Sum(m => m.Deployments.Count);
            output.WriteLine($"{path}: valid ({options.Models.Count} models, {deployments} deployments).");
            return 0;
        });

        return new Command("config", "Work with Junction config files.") { validate };
    }
}
