using System.Collections.Immutable;

namespace Junction.Routing;

/// <summary>A public model name with the deployments that can serve it and its routing policy.</summary>
public sealed class ModelGroup
{
    public ModelGroup(string name, ImmutableArray<Deployment> deployments, RoutingPolicy policy)
    {
        Name = name;
        Deployments = deployments;
        Policy = policy;
        TotalWeight = deployments.Sum(d => d.Options.Weight);
    }

    public string Name { get; }

    public ImmutableArray<Deployment> Deployments { get; }

    public RoutingPolicy Policy { get; }

    public double TotalWeight { get; }

    /// <summary>Whether some deployment's provider implements capability <typeparamref name="T"/>.</summary>
    public bool Supports<T>() => Deployments.Any(d => d.Provider is T);
}
