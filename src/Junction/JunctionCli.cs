using System.CommandLine;
using Junction.Cli.Commands;

namespace Junction.Cli;

/// <summary>The <c>junction</c> command line: serve, config validate, and (built in) --version and --help.</summary>
public static class JunctionCli
{
    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = new RootCommand("Junction: one OpenAI-compatible gateway for OpenAI, Azure OpenAI, Amazon Bedrock and more.")
        {
            ServeCommand.Create(),
            ConfigCommand.Create(),
            ShadowCommand.Create(),
            RolloutCommand.Create(),
            ReplayCommand.Create(),
            DbCommand.Create(),
            KeysCommand.Create(),
            SpendCommand.Create(),
        };
        var parse = root.Parse(args);
        return parse.InvokeAsync(new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        });
    }
}
