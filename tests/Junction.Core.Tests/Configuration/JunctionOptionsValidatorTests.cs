using Junction.Configuration;

namespace Junction.Tests.Configuration;

public class JunctionOptionsValidatorTests
{
    private static string[] DeploymentErrors(string extraKeys) =>
        ConfigTestLoader.Errors("models:\n  - name: m\n    deployments:\n      - provider: openai\n        model: gpt\n        "
            + extraKeys.Replace("\n", "\n        ", StringComparison.Ordinal));

    [Fact]
    public void LoadText_NoModels_Error()
    {
        Assert.Equal(["models: must list at least one model"], ConfigTestLoader.Errors("server: { port: 1 }"));
        Assert.Equal(["models (line 1): must list at least one model"], ConfigTestLoader.Errors("models: []"));
    }

    [Fact]
    public void LoadText_ModelWithoutDeployments_Error()
    {
        var errors = ConfigTestLoader.Errors("models:\n  - name: a\n  - name: b\n    deployments: []\n");

        Assert.Equal(
            ["models[0].deployments (line 2): must list at least one deployment", "models[1].deployments (line 4): must list at least one deployment"],
            errors);
    }

    [Fact]
    public void LoadText_EmptyOrMissingModelName_Error()
    {
        var errors = ConfigTestLoader.Errors("models:\n  - deployments: [{ provider: mock }]\n  - name: ''\n    deployments: [{ provider: mock }]\n");

        Assert.Equal(
            ["models[0].name (line 2): is required and must not be empty", "models[1].name (line 3): is required and must not be empty"],
            errors);
    }

    [Fact]
    public void LoadText_DuplicateModelNames_ErrorOnLaterOne()
    {
        var errors = ConfigTestLoader.Errors("""
            models:
              - name: gpt
                deployments: [{ provider: mock }]
              - name: GPT
                deployments: [{ provider: mock }]
              - name: gpt
                deployments: [{ provider: mock }]
            """);

        Assert.Equal(["models[2].name (line 6): duplicates the name of models[0]"], errors);
    }

    [Fact]
    public void LoadText_DuplicateDeploymentIds_Error()
    {
        var errors = ConfigTestLoader.Errors("""
            models:
              - name: a
                deployments:
                  - { provider: mock, id: shared }
                  - provider: mock
              - name: b
                deployments:
                  - { provider: mock, id: shared }
                  - provider: mock
                    id: a/1
            """);

        Assert.Equal(
            [
                "models[1].deployments[0].id (line 8): duplicates the id of models[0].deployments[0]",
                "models[1].deployments[1].id (line 10): duplicates the id of models[0].deployments[1]",
            ],
            errors);
    }

    [Theory]
    [InlineData("weight: 0", "weight (line 6): must be greater than 0")]
    [InlineData("weight: -1.5", "weight (line 6): must be greater than 0")]
    [InlineData("priority: -1", "priority (line 6): must be 0 or greater")]
    [InlineData("rpm: 0", "rpm (line 6): must be greater than 0")]
    [InlineData("tpm: -5", "tpm (line 6): must be greater than 0")]
    [InlineData("base_url: not a url", "base_url (line 6): must be an absolute http or https URL")]
    [InlineData("base_url: ftp://example.com/v1", "base_url (line 6): must be an absolute http or https URL")]
    [InlineData("base_url: /v1", "base_url (line 6): must be an absolute http or https URL")]
    [InlineData("base_url: api.openai.com/v1", "base_url (line 6): must be an absolute http or https URL")]
    [InlineData("headers: { 'Bad Header': x }", "headers (line 6): has a header name that is not a valid HTTP token")]
    public void LoadText_BadDeploymentValue_ErrorAtKeyLine(string keys, string expected) =>
        Assert.Equal(["models[0].deployments[0]." + expected], DeploymentErrors(keys));

    [Theory]
    [InlineData("weight: 0.25\npriority: 0\nrpm: 1\ntpm: 1")]
    [InlineData("base_url: http://localhost:8080/v1")]
    [InlineData("base_url: https://example.openai.azure.com/openai/v1")]
    public void LoadText_GoodDeploymentValues_Valid(string keys) => Assert.Empty(DeploymentErrors(keys));

    [Theory]
    [InlineData("server: { host: '' }", "server.host (line 1): must not be empty")]
    [InlineData("server: { port: 65536 }", "server.port (line 1): must be between 0 and 65535 (0 picks a free port)")]
    [InlineData("server: { port: -1 }", "server.port (line 1): must be between 0 and 65535 (0 picks a free port)")]
    [InlineData("server: { max_request_body_mb: 0 }", "server.max_request_body_mb (line 1): must be between 1 and 1024")]
    [InlineData("server: { max_request_body_mb: 1025 }", "server.max_request_body_mb (line 1): must be between 1 and 1024")]
    [InlineData("router: { default_retries: 11 }", "router.default_retries (line 1): must be between 0 and 10")]
    [InlineData("router: { default_timeout_s: 0 }", "router.default_timeout_s (line 1): must be greater than 0")]
    public void LoadText_OutOfRangeSetting_Error(string yaml, string expected) =>
        Assert.Equal([expected], ConfigTestLoader.Errors(yaml + "\n" + ConfigTestLoader.MockModel));

    [Fact]
    public void LoadText_BadRouting_ErrorsAtKeyLines()
    {
        var errors = ConfigTestLoader.Errors(ConfigTestLoader.MockModel + "\n    routing:\n      timeout_s: 0\n      retries: -1\n");

        Assert.Equal(
            ["models[0].routing.timeout_s (line 6): must be greater than 0", "models[0].routing.retries (line 7): must be between 0 and 10"],
            errors);
    }

    [Fact]
    public void LoadText_ManyProblems_AllCollectedInLineOrder()
    {
        var result = ConfigTestLoader.Load("""
            server: { port: 99999, colour: red }
            models:
              - name: a
                deployments:
                  - provider: openai
                    weight: 0
                    base_url: nope
                    api_key: ${KEY}
              - name: a
                deployments: []
            router: { default_timeout_s: -1 }
            """);

        Assert.False(result.IsValid);
        Assert.NotNull(result.Options);
        Assert.Equal(
            [
                "server.colour (line 1): unknown key",
                "server.port (line 1): must be between 0 and 65535 (0 picks a free port)",
                "models[0].deployments[0].model (line 5): is required for an openai deployment",
                "models[0].deployments[0].weight (line 6): must be greater than 0",
                "models[0].deployments[0].base_url (line 7): must be an absolute http or https URL",
                "models[0].deployments[0].api_key (line 8): environment variable 'KEY' is not set (use ${KEY:-default} to give a default)",
                "models[1].name (line 9): duplicates the name of models[0]",
                "models[1].deployments (line 10): must list at least one deployment",
                "router.default_timeout_s (line 11): must be greater than 0",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Validate_CodeBuiltOptions_AssignsIdsAndDefaultsWithoutLines()
    {
        var options = new JunctionOptions
        {
            Models =
            [
                new() { Name = "gpt", Deployments = [new() { Provider = ProviderNames.OpenAI, Model = "gpt-4o" }, new() { Provider = ProviderNames.Mock, Weight = 0 }] },
            ],
        };

        var error = Assert.Single(JunctionOptionsValidator.Validate(options));

        Assert.Equal("models[0].deployments[1].weight: must be greater than 0", error.ToString());
        Assert.Equal("gpt/0", options.Models[0].Deployments[0].Id);
        Assert.Equal("gpt/1", options.Models[0].Deployments[1].Id);
        Assert.Equal("https://api.openai.com/v1", options.Models[0].Deployments[0].BaseUrl);
    }

    [Fact]
    public void Validate_RunTwice_SameResult()
    {
        var options = ConfigTestLoader.LoadValid(ConfigTestLoader.MockModel);

        Assert.Empty(JunctionOptionsValidator.Validate(options));
        Assert.Equal("demo/0", options.Models[0].Deployments[0].Id);
    }
}
