using System.Collections.Immutable;
using Junction.Routing.Strategies;

namespace Junction.Routing;

/// <summary>
/// How a model group's requests are attempted: the strategy, retries after the first attempt, the whole-request
/// timeout, per-attempt and first-token timeouts, the fallback chains, and cooldown (null when off).
/// </summary>
public sealed record RoutingPolicy(IRoutingStrategy Strategy, int Retries, TimeSpan Timeout)
{
    public TimeSpan? AttemptTimeout { get; init; }
    public TimeSpan? FirstTokenTimeout { get; init; }
    public ImmutableArray<string> Fallbacks { get; init; } = [];
    public ImmutableArray<string> ContextWindowFallbacks { get; init; } = [];
    public ImmutableArray<string> ContentPolicyFallbacks { get; init; } = [];
    public CooldownPolicy? Cooldown { get; init; } = CooldownPolicy.Default;
}
