namespace Junction.Routing;

/// <summary>
/// The order in which one request tries a group's deployments: weighted random without repeats until every
/// candidate has been tried once, then again from the full set. One instance per request.
/// </summary>
public sealed class RoutePlan
{
    private readonly Deployment[] _candidates;
    private readonly IRandomSource _random;
    private readonly bool[] _tried;
    private int _triedCount;

    public RoutePlan(IReadOnlyList<Deployment> candidates, IRandomSource random)
    {
        _candidates = [.. candidates];
        _random = random;
        _tried = new bool[_candidates.Length];
    }

    public int CandidateCount => _candidates.Length;

    /// <summary>Whether some candidate has not been tried in the current round.</summary>
    public bool HasUntried => _triedCount < _candidates.Length;

    /// <summary>The next deployment to try; null only when there are no candidates at all.</summary>
    public Deployment? Next()
    {
        if (_candidates.Length == 0)
        {
            return null;
        }

        if (_triedCount == _candidates.Length)
        {
            Array.Clear(_tried);
            _triedCount = 0;
        }

        var total = 0.0;
        for (var i = 0; i < _candidates.Length; i++)
        {
            if (!_tried[i])
            {
                total += _candidates[i].Options.Weight;
            }
        }

        var pick = _random.NextDouble() * total;
        var chosen = -1;
        for (var i = 0; i < _candidates.Length; i++)
        {
            if (_tried[i])
            {
                continue;
            }

            chosen = i;
            pick -= _candidates[i].Options.Weight;
            if (pick < 0)
            {
                break;
            }
        }

        _tried[chosen] = true;
        _triedCount++;
        return _candidates[chosen];
    }
}
