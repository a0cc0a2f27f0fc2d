using Azure.Core;
using Junction.Providers.Azure;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Tests.Providers.Azure;

public class AzureTokenCacheTests
{
    /// <summary>An offline credential that hands out numbered tokens valid for <see cref="Lifetime"/>.</summary>
    private sealed class CountingCredential(TimeProvider time) : TokenCredential
    {
        public int Calls;
        public bool Fail;
        public TimeSpan Lifetime = TimeSpan.FromHours(1);
        public TimeSpan? RefreshIn;
        public string[]? LastScopes;

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            LastScopes = requestContext.Scopes;
            if (Fail)
            {
                throw new InvalidOperationException("offline");
            }

            var n = Interlocked.Increment(ref Calls);
            var now = time.GetUtcNow();
            return ValueTask.FromResult(new AccessToken($"token-{n}", now + Lifetime, RefreshIn is { } r ? now + r : null));
        }
    }

    [Fact]
    public async Task GetTokenAsync_ManyCalls_FetchesOnce()
    {
        var time = new FakeTimeProvider();
        var credential = new CountingCredential(time);
        using var cache = new AzureTokenCache(credential, "https://cognitiveservices.azure.com/.default", time);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cache.GetTokenAsync(CancellationToken.None).AsTask()));

        Assert.All(tokens, t => Assert.Equal("token-1", t));
        Assert.Equal(1, credential.Calls);
        Assert.Equal(["https://cognitiveservices.azure.com/.default"], credential.LastScopes!);
    }

    [Fact]
    public async Task GetTokenAsync_NearExpiry_Refreshes()
    {
        var time = new FakeTimeProvider();
        var credential = new CountingCredential(time);
        using var cache = new AzureTokenCache(credential, "scope", time);
        Assert.Equal("token-1", await cache.GetTokenAsync(CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("token-1", await cache.GetTokenAsync(CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal("token-2", await cache.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, credential.Calls);
    }

    [Fact]
    public async Task GetTokenAsync_RefreshOnEarlier_IsHonoured()
    {
        var time = new FakeTimeProvider();
        var credential = new CountingCredential(time) { RefreshIn = TimeSpan.FromMinutes(30) };
        using var cache = new AzureTokenCache(credential, "scope", time);
        await cache.GetTokenAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal("token-2", await cache.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_RefreshFailsWhileOldTokenValid_UsesOldToken()
    {
        var time = new FakeTimeProvider();
        var credential = new CountingCredential(time);
        using var cache = new AzureTokenCache(credential, "scope", time);
        await cache.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(57));
        credential.Fail = true;

        Assert.Equal("token-1", await cache.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetTokenAsync_FailsWithNoValidToken_Throws()
    {
        var time = new FakeTimeProvider();
        var credential = new CountingCredential(time) { Fail = true };
        using var cache = new AzureTokenCache(credential, "scope", time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetTokenAsync(CancellationToken.None).AsTask());
    }
}
