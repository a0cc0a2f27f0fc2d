using Junction.Configuration;
using Junction.Providers.Bedrock;

namespace Junction.Tests.Providers.Bedrock;

public sealed class BedrockDeploymentSettingsTests
{
    private static DeploymentOptions Options(string model, string region = "us-east-1", string? endpoint = null) =>
        new() { Provider = "bedrock", Model = model, Region = region, Endpoint = endpoint };

    [Fact]
    public void From_ModelIdWithColon_PathKeepsPercent3A_AndSignerSignsPercent253A()
    {
        var settings = BedrockDeploymentSettings.From(Options("anthropic.claude-3-5-sonnet-20240620-v1:0"));

        Assert.Equal("https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", settings.Converse.AbsoluteUri);
        Assert.Equal("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", settings.Converse.AbsolutePath);
        Assert.Equal("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", settings.Converse.PathAndQuery);
        Assert.Equal("/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse", SigV4Signer.CanonicalUri(settings.Converse.AbsolutePath, normalize: true));
    }

    [Fact]
    public void From_Arn_EscapesColonsAndSlash_IntoOneSegment()
    {
        var settings = BedrockDeploymentSettings.From(Options("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123"));

        Assert.Equal("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123/invoke", settings.Invoke.PathAndQuery);
    }

    [Theory]
    [InlineData("us-east-1", "https://bedrock-runtime.us-east-1.amazonaws.com")]
    [InlineData("eu-central-1", "https://bedrock-runtime.eu-central-1.amazonaws.com")]
    [InlineData("cn-north-1", "https://bedrock-runtime.cn-north-1.amazonaws.com.cn")]
    public void DefaultEndpoint_FollowsThePartition(string region, string expected) =>
        Assert.Equal(expected, BedrockDeploymentSettings.DefaultEndpoint(region));

    [Fact]
    public void From_EndpointWithPortAndTrailingSlash_IsUsedAsGiven()
    {
        var settings = BedrockDeploymentSettings.From(Options("amazon.titan-embed-text-v2:0", endpoint: "http://127.0.0.1:8123/"));

        Assert.Equal("http://127.0.0.1:8123/model/amazon.titan-embed-text-v2%3A0/invoke", settings.Invoke.AbsoluteUri);
        Assert.Equal(BedrockModelFamily.TitanEmbedV2, settings.Family);
    }

    [Fact]
    public void From_AuthChoices_StaticBearerOrDefaultChain()
    {
        var keys = Options("m");
        keys.AccessKeyId = "AKID";
        keys.SecretAccessKey = "secret";
        keys.SessionToken = "token";
        var bearer = Options("m");
        bearer.ApiKey = "bedrock-key";

        Assert.Equal(new AwsCredentials("AKID", "secret", "token"), BedrockDeploymentSettings.From(keys).StaticCredentials);
        Assert.Null(BedrockDeploymentSettings.From(keys).BearerToken);
        Assert.Equal("bedrock-key", BedrockDeploymentSettings.From(bearer).BearerToken);
        Assert.Null(BedrockDeploymentSettings.From(bearer).StaticCredentials);
        Assert.Null(BedrockDeploymentSettings.From(Options("m")).StaticCredentials);
        Assert.Null(BedrockDeploymentSettings.From(Options("m")).BearerToken);
    }

    [Fact]
    public void From_ModelFamily_OverridesWhatTheIdShows_AndPolicyComesFromConfig()
    {
        var options = Options("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/xyz");
        options.ModelFamily = BedrockModelFamilyNames.CohereEmbed;
        options.DropUnsupportedParams = true;
        options.MaxTokensDefault = 2048;

        var settings = BedrockDeploymentSettings.From(options);

        Assert.Equal(BedrockModelFamily.CohereEmbed, settings.Family);
        Assert.True(settings.Mapping.DropUnsupportedParams);
        Assert.Equal(2048, settings.Mapping.DefaultMaxTokens);
    }
}
