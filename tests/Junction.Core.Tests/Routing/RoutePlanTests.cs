using Junction.Resilience;
using Junction.Routing;
using static Junction.Tests.Routing.RoutingTestKit;

namespace Junction.Tests.Routing;

public class RoutePlanTests
{
    private static readonly JunctionError ServerError = new(500, JunctionErrorKind.ServerError, "server_error", "boom");

    [Fact]
    public void Next_NeverRepeatsWithinARound_ThenStartsOver()
    {
        var plan = new RoutePlan([D("a"), D("b"), D("c")], Policy(), new SequenceRandom(0.0), Clock());
        var ids = new[] { plan.Next(out _)!.Id, plan.Next(out _)!.Id, plan.Next(out _)!.Id };
        Assert.Equal(["a", "b", "c"], ids.Order().ToArray());
        Assert.False(plan.HasUntried);
        Assert.NotNull(plan.Next(out _));
        Assert.True(plan.HasUntried);
    }

    [Fact]
    public void Next_SkipsCoolingDeployment_UntilItsTimeIsUp()
    {
        var clock = Clock();
        var a = D("a");
        var b = D("b");
        a.State.RecordFailure(clock.GetUtcNow(), new JunctionError(429, JunctionErrorKind.RateLimited, "rate_limit_error", "slow"), Policy().Cooldown);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal("b", new RoutePlan([a, b], Policy(), new SeededRandom(i), clock).Next(out _)!.Id);
        }

        clock.Advance(TimeSpan.FromSeconds(31));
        var picks = Enumerable.Range(0, 200).Select(i => new RoutePlan([a, b], Policy(), new SeededRandom(i), clock).Next(out _)!.Id).ToList();
        Assert.Contains("a", picks);
    }

    [Fact]
    public void Next_AllCoolingDown_TriesTheLeastRecentlyFailedRatherThanNothing()
    {
        var clock = Clock();
        var a = D("a");
        var b = D("b");
        var rateLimited = new JunctionError(429, JunctionErrorKind.RateLimited, "rate_limit_error", "slow");
        a.State.RecordFailure(clock.GetUtcNow(), rateLimited, Policy().Cooldown);
        clock.Advance(TimeSpan.FromSeconds(1));
        b.State.RecordFailure(clock.GetUtcNow(), rateLimited, Policy().Cooldown);

        Assert.Equal("a", new RoutePlan([a, b], Policy(), new SequenceRandom(0.9), clock).Next(out _)!.Id);
    }

    [Fact]
    public void Next_AllAtRpmLimit_IsNullWithTimeUntilASlotFrees()
    {
        var clock = Clock();
        var a = D("a", rpm: 2);
        a.State.RecordRequest(clock.GetUtcNow());
        a.State.RecordRequest(clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(10));

        var plan = new RoutePlan([a], Policy(), new SequenceRandom(0.5), clock);
        Assert.Null(plan.Next(out var limitedFor));
        Assert.NotNull(limitedFor);
        Assert.InRange(limitedFor!.Value.TotalSeconds, 49, 51);

        clock.Advance(TimeSpan.FromSeconds(51));
        Assert.Equal("a", new RoutePlan([a], Policy(), new SequenceRandom(0.5), clock).Next(out _)!.Id);
    }

    [Fact]
    public void Next_NoCandidates_IsNullWithoutLimit()
    {
        Assert.Null(new RoutePlan([], Policy(), new SequenceRandom(0.5), Clock()).Next(out var limitedFor));
        Assert.Null(limitedFor);
    }

    [Fact]
    public void Next_CooldownOff_KeepsUsingAFailingDeployment()
    {
        var clock = Clock();
        var a = D("a");
        var policy = Policy() with { Cooldown = null };
        for (var i = 0; i < 5; i++)
        {
            a.State.RecordFailure(clock.GetUtcNow(), ServerError, policy.Cooldown);
        }

        Assert.False(a.State.IsCoolingDown(clock.GetUtcNow()));
        Assert.Equal("a", new RoutePlan([a, D("b", weight: 0.0001)], policy, new SequenceRandom(0.0), clock).Next(out _)!.Id);
    }
}
