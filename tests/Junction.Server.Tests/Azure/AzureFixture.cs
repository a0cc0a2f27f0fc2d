using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using Junction.TestKit.Azure;

namespace Junction.Server.Tests.Azure;

/// <summary>A fake Azure OpenAI resource and a Junction server in front of it, with dated, v1 and mock deployments.</summary>
public sealed class AzureFixture : IAsyncDisposable
{
    public const string MasterKey = "sk-junction-azure-master-0123456789";
    public const string UpstreamKey = "azure-upstream-key-abcdef0123";

    private AzureFixture(FakeAzureOpenAIUpstream fake, JunctionTestServer server)
    {
        Fake = fake;
        Server = server;
    }

    public FakeAzureOpenAIUpstream Fake { get; }

    public JunctionTestServer Server { get; }

    public static async Task<AzureFixture> StartAsync()
    {
        var fake = await FakeAzureOpenAIUpstream.StartAsync(UpstreamKey, "gpt4o-prod", "gpt4o-v1", "embed", "dalle3", "whisper", "instruct");
        var yaml = $$"""
            auth:
              master_key: ${JUNCTION_MASTER_KEY}
            models:
              - name: gpt4o
                routing: { retries: 0 }
                deployments:
                  - provider: azure
                    endpoint: {{fake.Endpoint}}
                    deployment: gpt4o-prod
                    api_key: ${AZURE_OPENAI_API_KEY}
              - name: gpt4o-v1
                routing: { retries: 0 }
                deployments:
                  - provider: azure
                    endpoint: {{fake.Endpoint}}/openai/v1/
                    deployment: gpt4o-v1
                    api_version: v1
                    api_key: ${AZURE_OPENAI_API_KEY}
              - name: ft:gpt-4o-mini:acme::abc123
                deployments:
                  - provider: azure
                    endpoint: {{fake.Endpoint}}
                    deployment: gpt4o-prod
                    api_version: 2024-06-01
                    api_key: ${AZURE_OPENAI_API_KEY}
              - name: embed
                deployments:
                  - provider: azure
                    endpoint: {{fake.Endpoint}}
                    deployment: embed
                    api_key: ${AZURE_OPENAI_API_KEY}
              - name: dalle
                deployments:
                  - provider: azure
                    endpoint: {{fake.Endpoint}}
                    deployment: dalle3
                    api_key: ${AZURE_OPENAI_API_KEY}
              - name: whisper
                deployments:
                  - provider: azure
                    endpoint: {{fake.Endpoint}}
                    deployment: whisper
                    api_key: ${AZURE_OPENAI_API_KEY}
              - name: whisper-v1
                deployments:
                  - provider: azure
                    endpoint: {{fake.Endpoint}}
                    deployment: whisper
                    api_version: v1
                    api_key: ${AZURE_OPENAI_API_KEY}
              - name: instruct
                deployments:
                  - provider: azure
                    endpoint: {{fake.Endpoint}}
                    deployment: instruct
                    api_key: ${AZURE_OPENAI_API_KEY}
              - name: demo
                deployments:
                  - provider: mock
            """;
        var server = await JunctionTestServer.StartAsync(yaml, new Dictionary<string, string>
        {
            ["JUNCTION_MASTER_KEY"] = MasterKey,
            ["AZURE_OPENAI_API_KEY"] = UpstreamKey,
        });
        return new AzureFixture(fake, server);
    }

    /// <summary>POSTs JSON with the Junction key; returns status, headers and the parsed body.</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body)> PostJsonAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MasterKey);
        var response = await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>POSTs an audio form (the file and the given fields) with the Junction key in <c>api-key</c>.</summary>
    public async Task<HttpResponseMessage> PostAudioAsync(string path, byte[] audio, params (string Name, string Value)[] fields)
    {
        using var form = AudioForm.Create(audio, fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        request.Headers.Add("api-key", MasterKey);
        return await Server.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The fake's calls must never carry the client's Junction key.</summary>
    public void AssertClientKeyNeverUpstream() =>
        Assert.All(Fake.Calls, call => Assert.False(call.HeadersContain(MasterKey), "the client's key reached the upstream"));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
