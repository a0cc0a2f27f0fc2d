using Junction.Cli;
using Junction.Configuration;

namespace Junction.Server.Tests.Cli;

/// <summary>The CLI as a user runs it: config validate, --version, and the startup refusal without a master key.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-cli-").FullName;

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await JunctionCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ConfigValidate_SampleConfig_IsValid()
    {
        var sample = Path.Combine(RepoRoot(), "junction.yaml");
        var (exit, output, _) = await RunAsync("config", "validate", sample);
        Assert.Equal(0, exit);
        Assert.Contains("valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigValidate_Problems_ExitNonZeroWithKeyPathsAndLines_AndNoSecrets()
    {
        var path = Path.Combine(_dir, "bad.yaml");
        await File.WriteAllTextAsync(path, """
            server: { port: seventy }
            models:
              - name: m
                deployments:
                  - provider: openai
                    model: gpt-4o
                    api_key: sk-very-secret-value-123456
                    weight: -1
                    colour: blue
            """, TestContext.Current.CancellationToken);
        var (exit, _, error) = await RunAsync("config", "validate", path);
        Assert.NotEqual(0, exit);
        Assert.Contains("server.port (line 1)", error, StringComparison.Ordinal);
        Assert.Contains("models[0].deployments[0].weight", error, StringComparison.Ordinal);
        Assert.Contains("models[0].deployments[0].colour (line 9): unknown key", error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-very-secret-value-123456", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigValidate_MissingEnvironmentVariable_NamesIt()
    {
        var path = Path.Combine(_dir, "env.yaml");
        await File.WriteAllTextAsync(path, "models:\n  - name: m\n    deployments:\n      - { provider: openai, model: x, api_key: \"${JUNCTION_TEST_SURELY_UNSET_VAR}\" }\n", TestContext.Current.CancellationToken);
        var (exit, _, error) = await RunAsync("config", "validate", path);
        Assert.NotEqual(0, exit);
        Assert.Contains("JUNCTION_TEST_SURELY_UNSET_VAR", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var (exit, output, _) = await RunAsync("--version");
        Assert.Equal(0, exit);
        Assert.StartsWith(JunctionInfo.Version, output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void BuildApp_NoMasterKeyOnANonLoopbackAddress_RefusesToStartWithAClearMessage()
    {
        var options = JunctionConfigLoader.LoadText("server: { host: 0.0.0.0, port: 0 }\nmodels:\n  - name: m\n    deployments:\n      - provider: mock\n", "x", _ => null).Options!;
        var ex = Assert.Throws<JunctionStartupException>(() => JunctionServer.BuildApp(options));
        Assert.Contains("master key", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0.0.0.0", ex.Message, StringComparison.Ordinal);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Junction.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Junction.slnx not found above " + AppContext.BaseDirectory);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
