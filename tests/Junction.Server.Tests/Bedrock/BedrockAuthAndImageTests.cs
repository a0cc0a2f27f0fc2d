using System.Net;
using System.Text.Json;
using Junction.Configuration;
using Junction.Http;
using Junction.Protocol.OpenAI;
using Junction.Providers.Bedrock;
using Junction.Resilience;
using Junction.Routing;
using Junction.TestKit.Bedrock;

namespace Junction.Server.Tests.Bedrock;

/// <summary>Bedrock auth variants against the signature-checking fake, and the image transport at the provider level.</summary>
public sealed class BedrockAuthAndImageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Model(FakeBedrockRuntime fake, string name, string auth) => $$"""
          - name: {{name}}
            deployments:
              - provider: bedrock
                model: anthropic.claude-3-haiku-20240307-v1:0
                region: us-east-1
                endpoint: {{fake.Endpoint}}
                {{auth}}
            routing: { retries: 0 }
        """;

    [Fact]
    public async Task WrongSecret_IsRefusedByTheFake_AndMappedTo401()
    {
        var (fake, server) = await BedrockTestConfig.StartAsync(yaml: f => BedrockTestConfig.Yaml(f,
            Model(f, "wrong", $"access_key_id: {f.Options.AccessKeyId}\n        secret_access_key: not-the-secret")));
        await using (fake)
        await using (server)
        {
            using var response = await server.PostJsonAsync("/v1/chat/completions", """{"model":"wrong","messages":[{"role":"user","content":"hi"}]}""",
                BedrockTestConfig.MasterKey, cancellationToken: Ct);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(1, fake.RejectedCount);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal("upstream_authentication_failed", doc.RootElement.GetProperty("error").GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task ApiKey_IsSentAsBearer_WithoutSigV4()
    {
        var (fake, server) = await BedrockTestConfig.StartAsync(new FakeBedrockOptions { ApiKey = "bedrock-api-key-123" },
            f => BedrockTestConfig.Yaml(f, Model(f, "bearer", "api_key: bedrock-api-key-123")));
        await using (fake)
        await using (server)
        {
            using var response = await server.PostJsonAsync("/v1/chat/completions", """{"model":"bearer","messages":[{"role":"user","content":"hi"}]}""",
                BedrockTestConfig.MasterKey, cancellationToken: Ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var request = Assert.Single(fake.Requests);
            Assert.Equal("bearer", request.AuthScheme);
            Assert.False(request.Headers.ContainsKey("x-amz-date"));
        }
    }

    [Fact]
    public async Task SessionToken_IsSentAndSigned()
    {
        var options = new FakeBedrockOptions { SessionToken = "FwoGZXIvYXdzEFAKE//session+token=" };
        var (fake, server) = await BedrockTestConfig.StartAsync(options, f => BedrockTestConfig.Yaml(f, Model(f, "sts",
            $"access_key_id: {f.Options.AccessKeyId}\n        secret_access_key: \"{f.Options.SecretAccessKey}\"\n        session_token: \"{options.SessionToken}\"")));
        await using (fake)
        await using (server)
        {
            using var response = await server.PostJsonAsync("/v1/chat/completions", """{"model":"sts","messages":[{"role":"user","content":"hi"}]}""",
                BedrockTestConfig.MasterKey, cancellationToken: Ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("x-amz-security-token", Assert.Single(fake.Requests).Headers["authorization"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GenerateImage_Titan_OneCall_ReturnsB64Images()
    {
        await using var fake = await FakeBedrockRuntime.StartAsync(cancellationToken: Ct);
        var (provider, deployment, clients) = Provider(fake, "amazon.titan-image-generator-v2:0");
        using (clients)
        {
            var result = await provider.GenerateImageAsync(new ImageGenerationRequest { Prompt = "a red fox", N = 2, Size = "512x512" },
                deployment, new RequestContext("req_test"), Ct);

            Assert.Equal([FakeBedrockResponder.Image("a red fox", 0), FakeBedrockResponder.Image("a red fox", 1)], result.Data.Select(d => d.B64Json));
            var sent = Assert.Single(fake.Requests);
            Assert.Equal("/model/amazon.titan-image-generator-v2%3A0/invoke", sent.RawTarget);
            Assert.Equal(512, sent.Json!["imageGenerationConfig"]!["width"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task GenerateImage_StabilitySdxl_OneCallPerImage()
    {
        await using var fake = await FakeBedrockRuntime.StartAsync(cancellationToken: Ct);
        var (provider, deployment, clients) = Provider(fake, "stability.stable-diffusion-xl-v1");
        using (clients)
        {
            var result = await provider.GenerateImageAsync(new ImageGenerationRequest { Prompt = "a lighthouse", N = 3 }, deployment, new RequestContext("req_test"), Ct);

            Assert.Equal(3, result.Data.Count);
            Assert.Equal(3, fake.Requests.Count);
        }
    }

    [Fact]
    public async Task GenerateImage_StableImageArn_UsesModelFamily_AndEscapesTheArn()
    {
        await using var fake = await FakeBedrockRuntime.StartAsync(cancellationToken: Ct);
        const string arn = "arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0";
        var (provider, deployment, clients) = Provider(fake, arn, BedrockModelFamilyNames.StabilityImage);
        using (clients)
        {
            var result = await provider.GenerateImageAsync(new ImageGenerationRequest { Prompt = "a cat", Size = "1792x1024" }, deployment, new RequestContext("req_test"), Ct);

            Assert.Equal(FakeBedrockResponder.Image("a cat", 0), Assert.Single(result.Data).B64Json);
            var sent = Assert.Single(fake.Requests);
            Assert.Equal("/model/arn%3Aaws%3Abedrock%3Aus-west-2%3A%3Afoundation-model%2Fstability.sd3-5-large-v1%3A0/invoke", sent.RawTarget);
            Assert.Equal(arn, sent.ModelId);
            Assert.Equal("16:9", sent.Json!["aspect_ratio"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task GenerateImage_ChatModel_Is400NamingModelFamily()
    {
        await using var fake = await FakeBedrockRuntime.StartAsync(cancellationToken: Ct);
        var (provider, deployment, clients) = Provider(fake, "anthropic.claude-3-haiku-20240307-v1:0");
        using (clients)
        {
            var ex = await Assert.ThrowsAsync<JunctionException>(() =>
                provider.GenerateImageAsync(new ImageGenerationRequest { Prompt = "x" }, deployment, new RequestContext("req_test"), Ct));

            Assert.Equal(400, ex.Error.Status);
            Assert.Contains("model_family", ex.Error.Message, StringComparison.Ordinal);
            Assert.Empty(fake.Requests);
        }
    }

    private static (BedrockProvider Provider, Deployment Deployment, UpstreamHttpClientPool Clients) Provider(
        FakeBedrockRuntime fake, string model, string? family = null)
    {
        var clients = new UpstreamHttpClientPool();
        var provider = new BedrockProvider(clients, TimeProvider.System);
        var options = new DeploymentOptions
        {
            Provider = "bedrock", Model = model, Region = "us-east-1", Endpoint = fake.Endpoint.ToString(),
            AccessKeyId = fake.Options.AccessKeyId, SecretAccessKey = fake.Options.SecretAccessKey, ModelFamily = family,
        };
        return (provider, new Deployment("images/0", "images", provider, options), clients);
    }
}
