using Junction.Providers.Azure;

namespace Junction.Tests.Providers.Azure;

public class AzureUrlBuilderTests
{
    [Theory]
    [InlineData("chat/completions")]
    [InlineData("completions")]
    [InlineData("embeddings")]
    [InlineData("images/generations")]
    [InlineData("audio/transcriptions")]
    [InlineData("audio/translations")]
    public void Build_DatedVersion_UsesDeploymentPathAndApiVersion(string operation)
    {
        var uri = AzureUrlBuilder.Build("https://my-resource.openai.azure.com", "gpt4o-prod", "2024-10-21", operation);

        Assert.Equal($"https://my-resource.openai.azure.com/openai/deployments/gpt4o-prod/{operation}?api-version=2024-10-21", uri.AbsoluteUri);
    }

    [Fact]
    public void Build_DatedPreview_KeepsPreviewSuffix()
    {
        var uri = AzureUrlBuilder.Build("https://r.openai.azure.com", "d", "2025-04-01-preview", "chat/completions");

        Assert.Equal("https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2025-04-01-preview", uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("chat/completions")]
    [InlineData("embeddings")]
    [InlineData("audio/transcriptions")]
    public void Build_V1_UsesV1PathWithoutApiVersion(string operation)
    {
        var uri = AzureUrlBuilder.Build("https://r.openai.azure.com", "gpt4o-prod", "v1", operation);

        Assert.Equal($"https://r.openai.azure.com/openai/v1/{operation}", uri.AbsoluteUri);
    }

    [Fact]
    public void Build_Preview_UsesV1PathWithPreviewVersion()
    {
        var uri = AzureUrlBuilder.Build("https://r.openai.azure.com", "d", "preview", "chat/completions");

        Assert.Equal("https://r.openai.azure.com/openai/v1/chat/completions?api-version=preview", uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://r.openai.azure.com/")]
    [InlineData("https://r.openai.azure.com/openai")]
    [InlineData("https://r.openai.azure.com/openai/")]
    [InlineData("https://r.openai.azure.com/openai/v1")]
    public void Build_EndpointWithSuffix_IsNotDoubled(string endpoint)
    {
        Assert.Equal("https://r.openai.azure.com/openai/deployments/d/embeddings?api-version=2024-10-21",
            AzureUrlBuilder.Build(endpoint, "d", "2024-10-21", "embeddings").AbsoluteUri);
        Assert.Equal("https://r.openai.azure.com/openai/v1/embeddings", AzureUrlBuilder.Build(endpoint, "d", "v1", "embeddings").AbsoluteUri);
    }

    [Fact]
    public void Build_ProxyEndpointWithPathAndPort_KeepsThem()
    {
        var uri = AzureUrlBuilder.Build("http://127.0.0.1:8080/azure-proxy", "d", "2024-06-01", "chat/completions");

        Assert.Equal("http://127.0.0.1:8080/azure-proxy/openai/deployments/d/chat/completions?api-version=2024-06-01", uri.AbsoluteUri);
    }

    [Fact]
    public void Build_DeploymentWithSpace_IsEscaped()
    {
        var uri = AzureUrlBuilder.Build("https://r.openai.azure.com", "my deployment", "2024-10-21", "embeddings");

        Assert.Equal("/openai/deployments/my%20deployment/embeddings", uri.AbsolutePath);
    }
}
