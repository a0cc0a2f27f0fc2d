using Junction.Routing.Strategies;
using static Junction.Tests.Routing.RoutingTestKit;

namespace Junction.Tests.Routing;

public class RoutingStrategyTests
{
    [Fact]
    public void Weighted_HonoursWeightsWithinTolerance()
    {
        var random = new SeededRandom(1234);
        var deployments = new[] { D("a", weight: 1), D("b", weight: 3) };
        var b = Enumerable.Range(0, 20_000).Count(_ => WeightedStrategy.Instance.Pick(deployments, new RoutingPick(random, Start)) == 1);
        Assert.InRange(b / 20_000.0, 0.73, 0.77);
    }

    [Fact]
    public void Priority_LowestNumberAlwaysWins()
    {
        var deployments = new[] { D("backup", priority: 2), D("primary", priority: 0), D("secondary", priority: 1) };
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(1, PriorityStrategy.Instance.Pick(deployments, new RoutingPick(new SeededRandom(i), Start)));
        }
    }

    [Fact]
    public void Priority_EqualNumbers_ShareByWeight()
    {
        var deployments = new[] { D("a", priority: 0, weight: 1), D("b", priority: 0, weight: 1), D("c", priority: 5) };
        var picks = Enumerable.Range(0, 400).Select(i => PriorityStrategy.Instance.Pick(deployments, new RoutingPick(new SeededRandom(i), Start))).ToList();
        Assert.DoesNotContain(2, picks);
        Assert.Contains(0, picks);
        Assert.Contains(1, picks);
    }

    [Fact]
    public void LeastBusy_PicksFewestInFlight()
    {
        var busy = D("busy");
        var idle = D("idle");
        busy.State.Enter();
        busy.State.Enter();
        idle.State.Enter();
        Assert.Equal(1, LeastBusyStrategy.Instance.Pick([busy, idle], new RoutingPick(new SeededRandom(1), Start)));
    }

    [Fact]
    public void Latency_PrefersUnmeasured_ThenFastest_AndExplores()
    {
        var slow = D("slow");
        var fast = D("fast");
        var fresh = D("fresh");
        slow.State.RecordLatency(TimeSpan.FromMilliseconds(900));
        fast.State.RecordLatency(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, LatencyStrategy.Instance.Pick([slow, fast, fresh], new RoutingPick(new SequenceRandom(0.99), Start)));

        Assert.Equal(1, LatencyStrategy.Instance.Pick([slow, fast], new RoutingPick(new SequenceRandom(0.99), Start)));

        // The exploration branch (first draw below the rate) can pick the slow one, so a recovered deployment is measured again.
        Assert.Equal(0, LatencyStrategy.Instance.Pick([slow, fast], new RoutingPick(new SequenceRandom(0.01, 0.2), Start)));
    }

    [Fact]
    public void Usage_PicksTheLeastUtilised()
    {
        var clock = Clock();
        var hot = D("hot", rpm: 10);
        var cool = D("cool", rpm: 100);
        for (var i = 0; i < 5; i++)
        {
            hot.State.RecordRequest(clock.GetUtcNow());
            cool.State.RecordRequest(clock.GetUtcNow());
        }

        Assert.Equal(1, UsageStrategy.Instance.Pick([hot, cool], new RoutingPick(new SeededRandom(1), clock.GetUtcNow())));
    }

    [Fact]
    public void Usage_TokensCountAgainstTpm()
    {
        var clock = Clock();
        var a = D("a", tpm: 1000);
        var b = D("b", tpm: 1000);
        a.State.RecordTokens(clock.GetUtcNow(), 900);
        b.State.RecordTokens(clock.GetUtcNow(), 100);
        Assert.Equal(1, UsageStrategy.Instance.Pick([a, b], new RoutingPick(new SeededRandom(1), clock.GetUtcNow())));
    }

    [Fact]
    public void RoutingStrategies_KnowEveryConfigName()
    {
        foreach (var name in Junction.Configuration.RoutingStrategyNames.All)
        {
            Assert.Equal(name, RoutingStrategies.Get(name).Name);
        }
    }
}
