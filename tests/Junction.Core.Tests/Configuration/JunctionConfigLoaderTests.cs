using System.Runtime.CompilerServices;
using Junction.Configuration;

namespace Junction.Tests.Configuration;

public class JunctionConfigLoaderTests
{
    // The sample from the design notes. In a flow mapping ({ }) a ${VAR} must be quoted: YAML ends a plain
    // scalar at '}', so the unquoted form is a syntax error (see LoadText_UnquotedReferenceInFlowMapping_HintsToQuote).
    private const string Sample = """
        server: { host: 127.0.0.1, port: 4000, max_request_body_mb: 32 }
        auth:   { master_key: "${JUNCTION_MASTER_KEY}" }
        models:
          - name: gpt-4o                       # the public name clients send as "model"
            deployments:
              - provider: openai               # OpenAI or any OpenAI-compatible server
                model: gpt-4o                  # upstream model id
                base_url: https://api.openai.com/v1
                api_key: ${OPENAI_API_KEY}
            routing: { timeout_s: 60, retries: 1 }
          - name: demo
            deployments:
              - provider: mock                 # offline: deterministic text, optional latency, streams too
                latency_ms: 0
        router: { default_retries: 1, default_timeout_s: 600 }
        """;

    [Fact]
    public void LoadText_FullSample_BindsEveryValue()
    {
        var options = ConfigTestLoader.LoadValid(Sample, ("JUNCTION_MASTER_KEY", "mk-1"), ("OPENAI_API_KEY", "sk-test"));

        Assert.Equal("127.0.0.1", options.Server.Host);
        Assert.Equal(4000, options.Server.Port);
        Assert.Equal(32, options.Server.MaxRequestBodyMb);
        Assert.Equal("mk-1", options.Auth.MasterKey);
        Assert.Equal(["gpt-4o", "demo"], options.Models.Select(m => m.Name));

        var gpt = options.Models[0];
        Assert.Equal(4, gpt.Line);
        Assert.Equal(60, gpt.Routing!.TimeoutS);
        Assert.Equal(1, gpt.Routing.Retries);
        var openai = Assert.Single(gpt.Deployments);
        Assert.Equal(ProviderNames.OpenAI, openai.Provider);
        Assert.Equal("gpt-4o", openai.Model);
        Assert.Equal("https://api.openai.com/v1", openai.BaseUrl);
        Assert.Equal("sk-test", openai.ApiKey);
        Assert.Equal(6, openai.Line);

        var mock = Assert.Single(options.Models[1].Deployments);
        Assert.Equal(ProviderNames.Mock, mock.Provider);
        Assert.Equal(0, mock.LatencyMs);
        Assert.Null(options.Models[1].Routing);
        Assert.Equal(1, options.Router.DefaultRetries);
        Assert.Equal(600, options.Router.DefaultTimeoutS);
    }

    [Fact]
    public void LoadText_UnquotedReferenceInFlowMapping_HintsToQuote()
    {
        var error = Assert.Single(ConfigTestLoader.Load("auth:   { master_key: ${JUNCTION_MASTER_KEY} }\n").Errors);

        Assert.Equal(1, error.Line);
        Assert.Contains("quote a ${VAR} reference", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_MinimalConfig_AppliesDefaults()
    {
        var options = ConfigTestLoader.LoadValid("""
            models:
              - name: gpt
                deployments:
                  - provider: openai
                    model: gpt-4o
                  - provider: mock
            """);

        Assert.Equal("127.0.0.1", options.Server.Host);
        Assert.Equal(4000, options.Server.Port);
        Assert.Equal(32, options.Server.MaxRequestBodyMb);
        Assert.Null(options.Auth.MasterKey);
        Assert.Equal(1, options.Router.DefaultRetries);
        Assert.Equal(600, options.Router.DefaultTimeoutS);
        var openai = options.Models[0].Deployments[0];
        Assert.Equal("https://api.openai.com/v1", openai.BaseUrl);
        Assert.Null(openai.ApiKey);
        Assert.Equal(1, openai.Weight);
        Assert.Equal(0, openai.Priority);
        Assert.Null(openai.Rpm);
        Assert.Equal("gpt/0", openai.Id);
        Assert.Equal("gpt/1", options.Models[0].Deployments[1].Id);
        Assert.Null(options.Models[0].Deployments[1].BaseUrl);
    }

    [Fact]
    public void LoadText_AllDeploymentKeys_Bind()
    {
        var options = ConfigTestLoader.LoadValid("""
            models:
              - name: gpt
                deployments:
                  - provider: openai
                    id: primary
                    model: gpt-4o
                    base_url: http://localhost:8080/v1
                    organization: org-1
                    project: proj-1
                    headers: { X-Team: search, X-Trace: "${TRACE:-off}" }
                    weight: 2.5
                    priority: 3
                    rpm: 100
                    tpm: 20000
            """);

        var d = options.Models[0].Deployments[0];
        Assert.Equal("primary", d.Id);
        Assert.Equal("http://localhost:8080/v1", d.BaseUrl);
        Assert.Equal("org-1", d.Organization);
        Assert.Equal("proj-1", d.Project);
        Assert.Equal(new Dictionary<string, string> { ["X-Team"] = "search", ["X-Trace"] = "off" }, d.Headers);
        Assert.Equal(2.5, d.Weight);
        Assert.Equal(3, d.Priority);
        Assert.Equal(100, d.Rpm);
        Assert.Equal(20000, d.Tpm);
    }

    [Fact]
    public void LoadText_EmptyMasterKeyAfterExpansion_IsNull()
    {
        var options = ConfigTestLoader.LoadValid("auth: { master_key: '${JUNCTION_MASTER_KEY:-}' }\n" + ConfigTestLoader.MockModel);

        Assert.Null(options.Auth.MasterKey);
    }

    [Fact]
    public void LoadText_PortZero_IsAllowed()
    {
        var options = ConfigTestLoader.LoadValid("server: { port: 0 }\n" + ConfigTestLoader.MockModel);

        Assert.Equal(0, options.Server.Port);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("~\n")]
    public void LoadText_EmptyDocument_Error(string yaml)
    {
        var result = ConfigTestLoader.Load(yaml);

        Assert.False(result.IsValid);
        Assert.Null(result.Options);
        Assert.Contains("'test.yaml' is empty", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- a\n- b\n")]
    [InlineData("just text\n")]
    public void LoadText_TopLevelNotMapping_Error(string yaml)
    {
        var error = Assert.Single(ConfigTestLoader.Load(yaml).Errors);

        Assert.Equal("line 1: the top level of 'test.yaml' must be a mapping", error.ToString());
    }

    [Fact]
    public void LoadText_TwoDocuments_Error()
    {
        var error = Assert.Single(ConfigTestLoader.Load(ConfigTestLoader.MockModel + "\n---\nserver: {}\n").Errors);

        Assert.Equal(6, error.Line);
        Assert.Contains("only one YAML document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_MissingFile_OneErrorNamingPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"junction-missing-{Guid.NewGuid():N}", "junction.yaml");

        var result = JunctionConfigLoader.LoadFile(path, _ => null);

        Assert.False(result.IsValid);
        Assert.Contains(path, Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_ExistingFile_UsesGivenEnvironment()
    {
        var path = Path.Combine(Path.GetTempPath(), $"junction-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "auth: { master_key: '${MK}' }\n" + ConfigTestLoader.MockModel);
        try
        {
            var result = JunctionConfigLoader.LoadFile(path, name => name == "MK" ? "from-file-env" : null);

            Assert.True(result.IsValid, string.Join("\n", result.Errors));
            Assert.Equal("from-file-env", result.Options!.Auth.MasterKey);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadFile_RepoJunctionYaml_IsValidWithEmptyEnvironment()
    {
        var result = JunctionConfigLoader.LoadFile(Path.Combine(RepoRoot(), "junction.yaml"), _ => null);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var options = result.Options!;
        Assert.Null(options.Auth.MasterKey);
        Assert.Equal(
            ["gpt-4o", "gpt-4o-mini", "text-embedding-3-small", "demo", "demo-embed"],
            options.Models.Select(m => m.Name));
        Assert.All(
            options.Models.Take(3).Select(m => Assert.Single(m.Deployments)),
            d =>
            {
                Assert.Equal(ProviderNames.OpenAI, d.Provider);
                Assert.Equal("https://api.openai.com/v1", d.BaseUrl);
                Assert.Null(d.ApiKey);
            });
        Assert.All(options.Models.Skip(3), m => Assert.Equal(ProviderNames.Mock, Assert.Single(m.Deployments).Provider));
    }

    /// <summary>
    /// The folder holding Junction.slnx, walking up from the test binaries; when they are built outside the repo
    /// (<c>--artifacts-path /tmp/...</c>), walking up from this source file instead.
    /// </summary>
    private static string RepoRoot([CallerFilePath] string sourceFile = "") =>
        FindSolutionFolder(AppContext.BaseDirectory)
        ?? FindSolutionFolder(Path.GetDirectoryName(sourceFile)!)
        ?? throw new InvalidOperationException("Junction.slnx not found above " + AppContext.BaseDirectory);

    private static string? FindSolutionFolder(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Junction.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
