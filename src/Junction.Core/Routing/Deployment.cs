using Junction.Configuration;
using Junction.Providers;

namespace Junction.Routing;

/// <summary>
/// One concrete upstream target of a public model: immutable settings from config plus the provider that
/// serves it and its live <see cref="State"/>. Its <see cref="Id"/> never reveals a host or key.
/// </summary>
public sealed class Deployment
{
    private object? _settings;

    public Deployment(string id, string publicModel, IProvider provider, DeploymentOptions options, DeploymentState? state = null)
    {
        Id = id;
        PublicModel = publicModel;
        Provider = provider;
        Options = options;
        State = state ?? new DeploymentState();
    }

    public string Id { get; }

    public string PublicModel { get; }

    public IProvider Provider { get; }

    public string ProviderName => Provider.Name;

    public DeploymentOptions Options { get; }

    /// <summary>The model id sent upstream; the public name when the config gives none.</summary>
    public string UpstreamModel => Options.Model ?? PublicModel;

    public DeploymentState State { get; }

    /// <summary>Provider-specific settings derived once from <see cref="Options"/> (URIs, header values) and cached.</summary>
    public T GetSettings<T>(Func<DeploymentOptions, T> create)
        where T : class
    {
        if (Volatile.Read(ref _settings) is T settings)
        {
            return settings;
        }

        var created = create(Options);
        Interlocked.CompareExchange(ref _settings, created, null);
        return (T)_settings!;
    }

    public override string ToString() => Id;
}
