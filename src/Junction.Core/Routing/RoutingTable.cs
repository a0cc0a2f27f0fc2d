using System.Collections.Frozen;
using System.Collections.Immutable;
using Junction.Configuration;
using Junction.Providers;

namespace Junction.Routing;

/// <summary>
/// An immutable snapshot of every public model and its deployments, built from validated options. A reload
/// builds a new table (carrying each deployment's live state over by id) and swaps it atomically.
/// </summary>
public sealed class RoutingTable
{
    private readonly FrozenDictionary<string, ModelGroup> _groups;

    private RoutingTable(ImmutableArray<ModelGroup> models)
    {
        Models = models;
        _groups = models.ToFrozenDictionary(g => g.Name, StringComparer.Ordinal);
    }

    /// <summary>The public models in config order.</summary>
    public ImmutableArray<ModelGroup> Models { get; }

    public bool TryGetGroup(string name, out ModelGroup group) => _groups.TryGetValue(name, out group!);

    public static RoutingTable Build(JunctionOptions options, ProviderRegistry providers, RoutingTable? previous = null)
    {
        var previousStates = previous?.Models
            .SelectMany(m => m.Deployments)
            .ToDictionary(d => d.Id, d => d.State, StringComparer.Ordinal);

        var groups = ImmutableArray.CreateBuilder<ModelGroup>(options.Models.Count);
        foreach (var model in options.Models)
        {
            var deployments = ImmutableArray.CreateBuilder<Deployment>(model.Deployments.Count);
            for (var i = 0; i < model.Deployments.Count; i++)
            {
                var d = model.Deployments[i];
                if (!providers.TryGet(d.Provider, out var provider))
                {
                    throw new InvalidOperationException(
                        $"models[{model.Name}].deployments[{i}].provider: no provider adapter named '{d.Provider}' is registered.");
                }

                var id = d.Id ?? $"{model.Name}/{i}";
                DeploymentState? state = null;
                previousStates?.TryGetValue(id, out state);
                deployments.Add(new Deployment(id, model.Name, provider, d, state));
            }

            var policy = new RoutingPolicy(
                model.Routing?.Retries ?? options.Router.DefaultRetries,
                TimeSpan.FromSeconds(model.Routing?.TimeoutS ?? options.Router.DefaultTimeoutS));
            groups.Add(new ModelGroup(model.Name, deployments.MoveToImmutable(), policy));
        }

        return new RoutingTable(groups.MoveToImmutable());
    }
}
