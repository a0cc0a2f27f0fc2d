namespace Junction.Routing.Strategies;

/// <summary>
/// Picks one deployment among those available for the next attempt (not yet tried, not cooling down, under
/// their limits). Strategies are small, stateless policies looked up by <see cref="Name"/> (YARP's load-balancing policies).
/// </summary>
public interface IRoutingStrategy
{
    /// <summary>The name used in config (<c>strategy: least-busy</c>).</summary>
    string Name { get; }

    /// <summary>The index in <paramref name="available"/> of the deployment to try; <paramref name="available"/> is never empty.</summary>
    int Pick(IReadOnlyList<Deployment> available, RoutingPick pick);
}
