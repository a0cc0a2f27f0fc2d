using Junction.Server.Tests.Infrastructure;
using Junction.TestKit.Bedrock;

namespace Junction.Server.Tests.Bedrock;

/// <summary>Junction configs pointing at a <see cref="FakeBedrockRuntime"/>, and a running pair of both.</summary>
internal static class BedrockTestConfig
{
    public const string MasterKey = "sk-junction-bedrock-test";

    public static string Yaml(FakeBedrockRuntime fake, string extraModels = "") => $$"""
        auth: { master_key: {{MasterKey}} }
        models:
          - name: claude
            deployments:
              - provider: bedrock
                model: anthropic.claude-3-5-sonnet-20240620-v1:0
                region: us-east-1
                endpoint: {{fake.Endpoint}}
                access_key_id: {{fake.Options.AccessKeyId}}
                secret_access_key: "{{fake.Options.SecretAccessKey}}"
            routing: { retries: 0 }
          - name: claude-drop
            deployments:
              - provider: bedrock
                model: us.anthropic.claude-3-7-sonnet-20250219-v1:0
                region: us-east-1
                endpoint: {{fake.Endpoint}}
                access_key_id: {{fake.Options.AccessKeyId}}
                secret_access_key: "{{fake.Options.SecretAccessKey}}"
                drop_unsupported_params: true
                max_tokens_default: 512
            routing: { retries: 0 }
          - name: titan-v2
            deployments:
              - provider: bedrock
                model: amazon.titan-embed-text-v2:0
                region: us-east-1
                endpoint: {{fake.Endpoint}}
                access_key_id: {{fake.Options.AccessKeyId}}
                secret_access_key: "{{fake.Options.SecretAccessKey}}"
          - name: cohere
            deployments:
              - provider: bedrock
                model: cohere.embed-english-v3
                region: us-east-1
                endpoint: {{fake.Endpoint}}
                access_key_id: {{fake.Options.AccessKeyId}}
                secret_access_key: "{{fake.Options.SecretAccessKey}}"
          - name: demo
            deployments:
              - provider: mock
        {{extraModels}}
        """;

    public static async Task<(FakeBedrockRuntime Fake, JunctionTestServer Server)> StartAsync(FakeBedrockOptions? options = null,
        Func<FakeBedrockRuntime, string>? yaml = null)
    {
        var fake = await FakeBedrockRuntime.StartAsync(options);
        try
        {
            var server = await JunctionTestServer.StartAsync(yaml?.Invoke(fake) ?? Yaml(fake));
            return (fake, server);
        }
        catch
        {
            await fake.DisposeAsync();
            throw;
        }
    }
}
