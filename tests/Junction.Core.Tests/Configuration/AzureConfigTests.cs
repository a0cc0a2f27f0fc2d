namespace Junction.Tests.Configuration;

public class AzureConfigTests
{
    private static string[] Errors(string deploymentYaml) =>
        ConfigTestLoader.Errors("models:\n  - name: m\n    deployments:\n      - " + deploymentYaml.Replace("\n", "\n        ", StringComparison.Ordinal));

    private const string Base = "provider: azure\nendpoint: https://r.openai.azure.com\ndeployment: gpt4o-prod\n";

    [Fact]
    public void LoadText_ApiKeyDeployment_IsValidWithDefaultVersion()
    {
        var options = ConfigTestLoader.LoadValid("models:\n  - name: m\n    deployments:\n      - provider: azure\n        endpoint: https://r.openai.azure.com\n        deployment: d\n        api_key: ${AZURE_OPENAI_API_KEY}",
            ("AZURE_OPENAI_API_KEY", "k"));

        var d = options.Models[0].Deployments[0];
        Assert.Equal("2024-10-21", d.ApiVersion);
        Assert.Equal("k", d.ApiKey);
        Assert.Null(d.EntraScope);
    }

    [Fact]
    public void LoadText_Entra_GetsDefaultScope()
    {
        var options = ConfigTestLoader.LoadValid("models:\n  - name: m\n    deployments:\n      - provider: azure\n        endpoint: https://r.openai.azure.com\n        deployment: d\n        api_version: v1\n        auth: entra");

        Assert.Equal("https://cognitiveservices.azure.com/.default", options.Models[0].Deployments[0].EntraScope);
    }

    [Theory]
    [InlineData("api_key: k")]
    [InlineData("azure_ad_token: t")]
    [InlineData("auth: entra")]
    [InlineData("auth: entra\nentra_scope: https://ai.azure.com/.default")]
    [InlineData("auth: api-key\napi_key: k")]
    [InlineData("api_key: k\napi_version: 2025-04-01-preview")]
    [InlineData("api_key: k\napi_version: preview")]
    [InlineData("api_key: k\nbase_model: gpt-4o-mini\nheaders: { X-Team: a }")]
    public void LoadText_ValidVariants_HaveNoErrors(string extra)
    {
        Assert.Empty(Errors(Base + extra));
    }

    [Fact]
    public void LoadText_MissingEndpointAndDeployment_BothRequired()
    {
        var errors = Errors("provider: azure\napi_key: k");

        Assert.Contains(errors, e => e.Contains(".endpoint", StringComparison.Ordinal) && e.Contains("is required for an azure deployment", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(".deployment", StringComparison.Ordinal) && e.Contains("is required for an azure deployment", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_NoAuth_AsksForOne()
    {
        Assert.Contains(Errors(Base), e => e.Contains("exactly one way to authenticate", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("api_key: k\nazure_ad_token: t")]
    [InlineData("api_key: k\nauth: entra")]
    [InlineData("azure_ad_token: t\nauth: entra")]
    public void LoadText_TwoAuthSources_Rejected(string extra)
    {
        Assert.Contains(Errors(Base + extra), e => e.Contains("takes exactly one of api_key, azure_ad_token and auth: entra", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2024-1-21")]
    [InlineData("2024-13-01")]
    [InlineData("2024-10-21-beta")]
    [InlineData("latest")]
    public void LoadText_BadApiVersion_Rejected(string version)
    {
        Assert.Contains(Errors(Base + "api_key: k\napi_version: " + version), e => e.Contains(".api_version", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_BadAuthMode_Rejected()
    {
        Assert.Contains(Errors(Base + "auth: managed-identity"), e => e.Contains("must be 'api-key' or 'entra'", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_EntraScopeWithoutEntra_Rejected()
    {
        Assert.Contains(Errors(Base + "api_key: k\nentra_scope: s"), e => e.Contains("applies only with auth: entra", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_EndpointNotAUrl_Rejected()
    {
        Assert.Contains(Errors("provider: azure\nendpoint: my-resource\ndeployment: d\napi_key: k"), e => e.Contains(".endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_AzureTokenInWrongPlace_NeverEchoed()
    {
        var errors = Errors("provider: mock\nazure_ad_token: SECRET-TOKEN-123");

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.DoesNotContain("SECRET-TOKEN-123", e, StringComparison.Ordinal));
    }
}
