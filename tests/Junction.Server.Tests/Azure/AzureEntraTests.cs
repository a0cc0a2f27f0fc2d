using Azure.Core;
using Junction.Server.Tests.Infrastructure;
using Junction.TestKit.Azure;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Chat;

namespace Junction.Server.Tests.Azure;

/// <summary>
/// Entra auth with an offline credential injected where DefaultAzureCredential would be: tokens are fetched once,
/// reused, and refreshed shortly before they expire; a static azure_ad_token is sent as a bearer token.
/// </summary>
public sealed class AzureEntraTests : IAsyncLifetime
{
    private const string MasterKey = "sk-junction-entra-master-0123456789";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private FakeAzureOpenAIUpstream _fake = null!;
    private StubCredential _credential = null!;
    private JunctionTestServer _server = null!;

    /// <summary>Issues <c>entra-1</c>, <c>entra-2</c>, ... valid for one hour, and tells the fake to accept each.</summary>
    private sealed class StubCredential(FakeAzureOpenAIUpstream fake, TimeProvider time) : TokenCredential
    {
        private int _issued;

        public int Issued => Volatile.Read(ref _issued);

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }

            var token = "entra-" + Interlocked.Increment(ref _issued);
            fake.AcceptBearer(token);
            return ValueTask.FromResult(new AccessToken(token, time.GetUtcNow().AddHours(1)));
        }
    }

    public async ValueTask InitializeAsync()
    {
        _fake = await FakeAzureOpenAIUpstream.StartAsync("unused-key", "gpt4o-prod");
        _fake.AcceptBearer("static-ad-token-0123456789");
        _credential = new StubCredential(_fake, _time);
        var yaml = $$"""
            auth:
              master_key: {{MasterKey}}
            models:
              - name: entra
                deployments:
                  - provider: azure
                    endpoint: {{_fake.Endpoint}}
                    deployment: gpt4o-prod
                    auth: entra
                    entra_scope: https://ai.azure.com/.default
              - name: static
                deployments:
                  - provider: azure
                    endpoint: {{_fake.Endpoint}}
                    deployment: gpt4o-prod
                    azure_ad_token: ${AZURE_AD_TOKEN}
            """;
        _server = await JunctionTestServer.StartAsync(yaml, new Dictionary<string, string> { ["AZURE_AD_TOKEN"] = "static-ad-token-0123456789" },
            azureCredential: () => _credential, timeProvider: _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private Task<System.ClientModel.ClientResult<ChatCompletion>> ChatAsync(string model) =>
        _server.OpenAI(MasterKey).GetChatClient(model).CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task Entra_SeveralCalls_OneTokenFetchThenRefreshNearExpiry()
    {
        await ChatAsync("entra");
        await ChatAsync("entra");
        await ChatAsync("entra");

        Assert.Equal(1, _credential.Issued);
        Assert.All(_fake.Calls, c => Assert.Equal("Bearer entra-1", c.Headers["authorization"]));
        Assert.All(_fake.Calls, c => Assert.False(c.Headers.ContainsKey("api-key")));
        Assert.Equal(["https://ai.azure.com/.default"], _credential.Scopes);

        _time.Advance(TimeSpan.FromMinutes(50));
        await ChatAsync("entra");
        Assert.Equal(1, _credential.Issued);

        _time.Advance(TimeSpan.FromMinutes(6));
        await ChatAsync("entra");
        Assert.Equal(2, _credential.Issued);
        Assert.Equal("Bearer entra-2", _fake.Calls[^1].Headers["authorization"]);
        Assert.All(_fake.Calls, c => Assert.False(c.HeadersContain(MasterKey)));
    }

    [Fact]
    public async Task StaticAdToken_SentAsBearer()
    {
        ChatCompletion completion = await ChatAsync("static");

        Assert.Equal("Hello from Azure deployment gpt4o-prod.", completion.Content[0].Text);
        Assert.Equal("Bearer static-ad-token-0123456789", Assert.Single(_fake.Calls).Headers["authorization"]);
        Assert.Equal(0, _credential.Issued);
    }
}
