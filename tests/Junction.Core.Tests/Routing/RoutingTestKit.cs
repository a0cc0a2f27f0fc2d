using Junction.Configuration;
using Junction.Providers;
using Junction.Routing;
using Junction.Routing.Strategies;
using Microsoft.Extensions.Time.Testing;

namespace Junction.Tests.Routing;

/// <summary>Deployments, policies and randomness for routing unit tests; no network.</summary>
internal static class RoutingTestKit
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Start);

    public static Deployment D(string id, double weight = 1, int priority = 0, int? rpm = null, int? tpm = null) =>
        new(id, "m", new StubProvider(), new DeploymentOptions { Provider = "stub", Id = id, Weight = weight, Priority = priority, Rpm = rpm, Tpm = tpm });

    public static RoutingPolicy Policy(IRoutingStrategy? strategy = null, CooldownPolicy? cooldown = null) =>
        new(strategy ?? WeightedStrategy.Instance, 2, TimeSpan.FromSeconds(60)) { Cooldown = cooldown ?? CooldownPolicy.Default };

    public sealed class StubProvider : IProvider
    {
        public string Name => "stub";
    }

    public sealed class SequenceRandom(params double[] values) : IRandomSource
    {
        private int _next;

        public double NextDouble() => values[_next++ % values.Length];
    }

    public sealed class SeededRandom(int seed) : IRandomSource
    {
        private readonly Random _random = new(seed);

        public double NextDouble() => _random.NextDouble();
    }
}
