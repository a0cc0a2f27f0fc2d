using Junction.Routing.Strategies;

namespace Junction.Routing;

/// <summary>
/// The order in which one request tries its candidates (the group's deployments that have the needed capability).
/// Each attempt goes to a deployment not yet tried in this round, skipping those cooling down or at their
/// <c>rpm</c>/<c>tpm</c> limits, chosen by the group's strategy. When every untried one is cooling down, the one that
/// failed longest ago is tried anyway rather than failing without a call. When every one is at its limits, there
/// is nothing to try: <see cref="Next"/> returns null with the time until a slot frees. One instance per request.
/// </summary>
public sealed class RoutePlan
{
    private readonly Deployment[] _candidates;
    private readonly bool[] _tried;
    private readonly IRoutingStrategy _strategy;
    private readonly IRandomSource _random;
    private readonly TimeProvider _timeProvider;
    private readonly bool _cooldownEnabled;
    private readonly List<Deployment> _available;
    private int _triedCount;

    public RoutePlan(IReadOnlyList<Deployment> candidates, RoutingPolicy policy, IRandomSource random, TimeProvider timeProvider)
    {
        _candidates = [.. candidates];
        _tried = new bool[_candidates.Length];
        _strategy = policy.Strategy;
        _random = random;
        _timeProvider = timeProvider;
        _cooldownEnabled = policy.Cooldown is not null;
        _available = new List<Deployment>(_candidates.Length);
    }

    public int CandidateCount => _candidates.Length;

    /// <summary>Whether some candidate has not been tried in the current round.</summary>
    public bool HasUntried => _triedCount < _candidates.Length;

    /// <summary>
    /// The next deployment to try, or null: with <paramref name="limitedFor"/> set when every candidate is at its
    /// rate limits, unset when there are no candidates at all.
    /// </summary>
    public Deployment? Next(out TimeSpan? limitedFor)
    {
        limitedFor = null;
        if (_candidates.Length == 0)
        {
            return null;
        }

        if (_triedCount == _candidates.Length)
        {
            Array.Clear(_tried);
            _triedCount = 0;
        }

        var now = _timeProvider.GetUtcNow();
        _available.Clear();
        Deployment? longestCooled = null;
        TimeSpan? soonestFree = null;
        for (var i = 0; i < _candidates.Length; i++)
        {
            var d = _candidates[i];
            if (_tried[i])
            {
                continue;
            }

            if (IsAtLimit(d, now))
            {
                var wait = d.State.UntilUsageFrees(now);
                soonestFree = soonestFree is { } s && s < wait ? s : wait;
                continue;
            }

            if (_cooldownEnabled && d.State.IsCoolingDown(now))
            {
                if (longestCooled is null || d.State.LastFailureTicks < longestCooled.State.LastFailureTicks)
                {
                    longestCooled = d;
                }

                continue;
            }

            _available.Add(d);
        }

        Deployment chosen;
        if (_available.Count > 0)
        {
            chosen = _available[_strategy.Pick(_available, new RoutingPick(_random, now))];
        }
        else if (longestCooled is not null)
        {
            chosen = longestCooled;
        }
        else
        {
            limitedFor = soonestFree;
            return null;
        }

        MarkTried(chosen);
        return chosen;
    }

    private void MarkTried(Deployment chosen)
    {
        var index = Array.IndexOf(_candidates, chosen);
        _tried[index] = true;
        _triedCount++;
    }

    /// <summary>At or over its configured requests or tokens per minute.</summary>
    public static bool IsAtLimit(Deployment deployment, DateTimeOffset now)
    {
        var options = deployment.Options;
        return (options.Rpm is int rpm && deployment.State.RequestsLastMinute(now) >= rpm) ||
               (options.Tpm is int tpm && deployment.State.TokensLastMinute(now) >= tpm);
    }
}
