using Junction.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Tests.RateLimiting;

public sealed class InMemoryRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rpm_RefusesTheNextRequest_UntilTheOldestLeavesTheWindow()
    {
        var limiter = new InMemoryRateLimiter(_clock);
        RateScope[] scopes = [new("key:a", Rpm: 2, Tpm: null, MaxParallel: null)];
        var first = await limiter.AcquireAsync(scopes, Ct);
        Assert.Equal(1, first.Snapshot!.RemainingRequests);
        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await limiter.AcquireAsync(scopes, Ct)).Acquired);

        var refused = await limiter.AcquireAsync(scopes, Ct);
        Assert.False(refused.Acquired);
        Assert.Equal(RateLimitNames.Rpm, refused.DeniedLimit);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);
        Assert.Equal(0, refused.Snapshot!.RemainingRequests);

        _clock.Advance(TimeSpan.FromSeconds(40));
        Assert.True((await limiter.AcquireAsync(scopes, Ct)).Acquired);
    }

    [Fact]
    public async Task Tpm_CountsReportedTokens()
    {
        var limiter = new InMemoryRateLimiter(_clock);
        RateScope[] scopes = [new("key:a", Rpm: null, Tpm: 100, MaxParallel: null)];
        var lease = await limiter.AcquireAsync(scopes, Ct);
        await limiter.CompleteAsync(lease, 100, Ct);
        var refused = await limiter.AcquireAsync(scopes, Ct);
        Assert.Equal(RateLimitNames.Tpm, refused.DeniedLimit);
        Assert.Equal(100, refused.Snapshot!.LimitTokens);
        Assert.Equal(0, refused.Snapshot.RemainingTokens);
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True((await limiter.AcquireAsync(scopes, Ct)).Acquired);
    }

    [Fact]
    public async Task MaxParallel_FreesASlotOnComplete_OnlyOnce()
    {
        var limiter = new InMemoryRateLimiter(_clock);
        RateScope[] scopes = [new("key:a", Rpm: null, Tpm: null, MaxParallel: 1)];
        var lease = await limiter.AcquireAsync(scopes, Ct);
        Assert.Equal(RateLimitNames.MaxParallel, (await limiter.AcquireAsync(scopes, Ct)).DeniedLimit);
        await limiter.CompleteAsync(lease, 0, Ct);
        await limiter.CompleteAsync(lease, 0, Ct);
        var next = await limiter.AcquireAsync(scopes, Ct);
        Assert.True(next.Acquired);
        Assert.False((await limiter.AcquireAsync(scopes, Ct)).Acquired);
    }

    [Fact]
    public async Task TightestScopeWins_AndARefusalCountsNowhere()
    {
        var limiter = new InMemoryRateLimiter(_clock);
        RateScope key = new("key:a", Rpm: 100, Tpm: null, MaxParallel: null);
        RateScope team = new("team:t", Rpm: 1, Tpm: null, MaxParallel: null);
        Assert.True((await limiter.AcquireAsync([key, team], Ct)).Acquired);
        var refused = await limiter.AcquireAsync([key, team], Ct);
        Assert.Equal("team:t", refused.DeniedScope);
        Assert.Equal(1, refused.Snapshot!.LimitRequests);

        var alone = await limiter.AcquireAsync([key], Ct);
        Assert.Equal(98, alone.Snapshot!.RemainingRequests);  // the refused request did not count for the key
    }
}
