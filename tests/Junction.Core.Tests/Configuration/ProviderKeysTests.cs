using Junction.Configuration;

namespace Junction.Tests.Configuration;

public class ProviderKeysTests
{
    private static string[] DeploymentErrors(string deploymentYaml) =>
        ConfigTestLoader.Errors("models:\n  - name: m\n    deployments:\n      - " + deploymentYaml.Replace("\n", "\n        ", StringComparison.Ordinal));

    [Fact]
    public void LoadText_MockKeyOnOpenAI_NotAKeyOfProvider()
    {
        var errors = DeploymentErrors("provider: openai\nmodel: gpt-4o\nlatency_ms: 10");

        Assert.Equal(["models[0].deployments[0].latency_ms (line 6): 'latency_ms' is not a key of an openai deployment (it is for: mock)"], errors);
    }

    [Fact]
    public void LoadText_OpenAIKeysOnMock_EachRejected()
    {
        var errors = DeploymentErrors("provider: mock\nbase_url: http://localhost:1\napi_key: k\nheaders: { X-A: b }");

        Assert.Equal(
            [
                "models[0].deployments[0].base_url (line 5): 'base_url' is not a key of a mock deployment (it is for: openai)",
                "models[0].deployments[0].api_key (line 6): 'api_key' is not a key of a mock deployment (it is for: azure, bedrock, openai)",
                "models[0].deployments[0].headers (line 7): 'headers' is not a key of a mock deployment (it is for: azure, openai)",
            ],
            errors);
    }

    [Fact]
    public void LoadText_OpenAIWithoutModel_ModelRequired()
    {
        var errors = DeploymentErrors("provider: openai\napi_key: k");

        Assert.Equal(["models[0].deployments[0].model (line 4): is required for an openai deployment"], errors);
    }

    [Fact]
    public void LoadText_MockWithoutModel_IsValid()
    {
        var options = ConfigTestLoader.LoadValid(ConfigTestLoader.MockModel);

        Assert.Null(options.Models[0].Deployments[0].Model);
    }

    [Fact]
    public void LoadText_UnknownProvider_ListsKnownProviders()
    {
        var errors = DeploymentErrors("provider: anthropic\nmodel: claude");

        Assert.Equal(["models[0].deployments[0].provider (line 4): unknown provider; known providers: azure, bedrock, mock, openai"], errors);
    }

    [Fact]
    public void LoadText_MisspeltProvider_Suggests()
    {
        var errors = DeploymentErrors("provider: OpenAI\nmodel: gpt-4o");

        Assert.Equal(["models[0].deployments[0].provider (line 4): unknown provider; known providers: azure, bedrock, mock, openai; did you mean 'openai'?"], errors);
    }

    [Fact]
    public void LoadText_MissingProvider_Required()
    {
        var errors = DeploymentErrors("model: gpt-4o");

        Assert.Equal(["models[0].deployments[0].provider (line 4): is required; known providers: azure, bedrock, mock, openai"], errors);
    }

    [Fact]
    public void LoadText_UnknownProviderWithAnyKnownKeys_NoKeyErrors()
    {
        var errors = DeploymentErrors("provider: nope\nlatency_ms: 1\nbase_url: http://x\nmodel: m");

        Assert.Single(errors);
    }

    [Fact]
    public void Validate_CodeBuiltDeploymentWithForeignKey_Rejected()
    {
        var options = new JunctionOptions
        {
            Models = [new() { Name = "m", Deployments = [new() { Provider = ProviderNames.OpenAI, Model = "gpt", LatencyMs = 5 }] }],
        };

        var error = Assert.Single(JunctionOptionsValidator.Validate(options));

        Assert.Equal("models[0].deployments[0].latency_ms: 'latency_ms' is not a key of an openai deployment (it is for: mock)", error.ToString());
    }

    [Fact]
    public void Catalog_EveryProviderKey_IsADeploymentKey()
    {
        var known = DeploymentKeys.All.Select(k => k.Name).ToHashSet();

        Assert.All(ProviderCatalog.Providers.Values, p => Assert.Subset(known, p.AllowedKeys.ToHashSet()));
        Assert.All(ProviderCatalog.Providers.Values, p => Assert.Subset(p.AllowedKeys.ToHashSet(), p.RequiredKeys.ToHashSet()));
        Assert.Equal(known.Count, DeploymentKeys.All.Length);
    }
}
