using Junction.Configuration;
using Junction.Providers;
using Junction.Routing;

namespace Junction.Tests.Routing;

public class RoutePlanTests
{
    private sealed class FixedRandom(params double[] values) : IRandomSource
    {
        private int _next;

        public double NextDouble() => values[_next++ % values.Length];
    }

    private sealed class StubProvider : IProvider
    {
        public string Name => "stub";
    }

    private static Deployment D(string id, double weight) =>
        new(id, "m", new StubProvider(), new DeploymentOptions { Provider = "stub", Id = id, Weight = weight });

    [Fact]
    public void Next_NeverRepeatsWithinARound_ThenStartsOver()
    {
        var plan = new RoutePlan([D("a", 1), D("b", 1), D("c", 1)], new FixedRandom(0.0));
        var first = new[] { plan.Next()!.Id, plan.Next()!.Id, plan.Next()!.Id };
        Assert.Equal(["a", "b", "c"], first.Order().ToArray());
        Assert.False(plan.HasUntried);
        Assert.NotNull(plan.Next());
        Assert.True(plan.HasUntried);
    }

    [Fact]
    public void Next_HonoursWeights()
    {
        var random = new Random(1234);
        var source = new FuncRandom(random.NextDouble);
        var counts = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0 };
        for (var i = 0; i < 20_000; i++)
        {
            counts[new RoutePlan([D("a", 1), D("b", 3)], source).Next()!.Id]++;
        }

        var share = counts["b"] / 20_000.0;
        Assert.InRange(share, 0.73, 0.77);
    }

    [Fact]
    public void Next_NoCandidates_IsNull() => Assert.Null(new RoutePlan([], new FixedRandom(0.5)).Next());

    private sealed class FuncRandom(Func<double> next) : IRandomSource
    {
        public double NextDouble() => next();
    }
}
