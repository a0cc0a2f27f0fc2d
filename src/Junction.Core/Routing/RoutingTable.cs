using System.Collections.Frozen;
using System.Collections.Immutable;
using Junction.Configuration;
using Junction.Providers;
using Junction.Routing.Strategies;

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

            var policy = PolicyOf(model.Routing, options.Router);
            groups.Add(new ModelGroup(model.Name, deployments.MoveToImmutable(), policy));
        }

        return new RoutingTable(groups.MoveToImmutable());
    }

    private static RoutingPolicy PolicyOf(RoutingOptions? routing, RouterOptions router)
    {
        static TimeSpan? Seconds(double? s) => s is { } v ? TimeSpan.FromSeconds(v) : null;

        var cooldown = routing?.Cooldown;
        return new RoutingPolicy(
            RoutingStrategies.Get(routing?.Strategy ?? router.DefaultStrategy),
            routing?.Retries ?? router.DefaultRetries,
            TimeSpan.FromSeconds(routing?.TimeoutS ?? router.DefaultTimeoutS))
        {
            AttemptTimeout = Seconds(routing?.AttemptTimeoutS),
            FirstTokenTimeout = Seconds(routing?.FirstTokenTimeoutS),
            Fallbacks = [.. routing?.Fallbacks ?? []],
            ContextWindowFallbacks = [.. routing?.ContextWindowFallbacks ?? []],
            ContentPolicyFallbacks = [.. routing?.ContentPolicyFallbacks ?? []],
            Cooldown = cooldown is null ? CooldownPolicy.Default
                : cooldown.Enabled ? new CooldownPolicy(cooldown.Failures, TimeSpan.FromSeconds(cooldown.WindowS), TimeSpan.FromSeconds(cooldown.DurationS))
                : null,
        };
    }
}
