using System.Collections.Frozen;

namespace Junction.Providers;

/// <summary>The provider adapters Junction knows, by config name.</summary>
public sealed class ProviderRegistry
{
    private readonly FrozenDictionary<string, IProvider> _providers;

    public ProviderRegistry(IEnumerable<IProvider> providers) =>
        _providers = providers.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    public IEnumerable<string> Names => _providers.Keys;

    public bool TryGet(string name, out IProvider provider) => _providers.TryGetValue(name, out provider!);
}
