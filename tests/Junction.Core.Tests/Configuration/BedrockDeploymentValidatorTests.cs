namespace Junction.Tests.Configuration;

public sealed class BedrockDeploymentValidatorTests
{
    private static string Yaml(string keys) => $"""
        models:
          - name: claude
            deployments:
              - provider: bedrock
                model: anthropic.claude-3-5-sonnet-20240620-v1:0
        {keys}
        """;

    [Fact]
    public void LoadText_FullBedrockDeployment_IsValid()
    {
        var options = ConfigTestLoader.LoadValid(Yaml("""
                    region: eu-west-1
                    endpoint: http://127.0.0.1:9000
                    access_key_id: AKID
                    secret_access_key: ${SECRET}
                    session_token: ${TOKEN:-}
                    drop_unsupported_params: true
                    max_tokens_default: 1024
            """), ("SECRET", "s3cr3t"));

        var d = options.Models[0].Deployments[0];
        Assert.Equal(("eu-west-1", "AKID", "s3cr3t", null, true, 1024), (d.Region, d.AccessKeyId, d.SecretAccessKey, d.SessionToken, d.DropUnsupportedParams, d.MaxTokensDefault));
    }

    [Fact]
    public void LoadText_MissingRegion_IsRequired() =>
        Assert.Equal(["models[0].deployments[0].region (line 4): is required for a bedrock deployment"], ConfigTestLoader.Errors(Yaml("")));

    [Fact]
    public void LoadText_HalfAKeyPair_IsAnError() =>
        Assert.Contains(ConfigTestLoader.Errors(Yaml("""
                    region: us-east-1
                    access_key_id: AKID
            """)), e => e.Contains("secret_access_key", StringComparison.Ordinal) && e.Contains("go together", StringComparison.Ordinal));

    [Fact]
    public void LoadText_ApiKeyWithIamKeys_IsAnError_AndNoSecretIsEchoed()
    {
        var errors = ConfigTestLoader.Errors(Yaml("""
                    region: us-east-1
                    api_key: bedrock-key-value-123
                    access_key_id: AKID
                    secret_access_key: secret-value-456
            """));

        Assert.Contains(errors, e => e.StartsWith("models[0].deployments[0].api_key", StringComparison.Ordinal) && e.Contains("excludes", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("bedrock-key-value-123", StringComparison.Ordinal) || e.Contains("secret-value-456", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_BadValues_EachReported()
    {
        var errors = ConfigTestLoader.Errors(Yaml("""
                    region: US_EAST
                    endpoint: not a url
                    max_tokens_default: 0
                    model_family: titan-embed-v9
            """));

        Assert.Contains(errors, e => e.Contains(".region", StringComparison.Ordinal) && e.Contains("AWS region", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(".endpoint", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(".max_tokens_default", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(".model_family", StringComparison.Ordinal) && e.Contains("titan-embed-v2", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_BedrockKeyOnOpenAI_IsRejected() =>
        Assert.Contains("models[0].deployments[0].region (line 6): 'region' is not a key of an openai deployment (it is for: bedrock)",
            ConfigTestLoader.Errors("""
                models:
                  - name: gpt
                    deployments:
                      - provider: openai
                        model: gpt-4o
                        region: us-east-1
                """));
}
