using Junction.Configuration;
using Junction.Http;
using Junction.Providers;
using Junction.Providers.Mock;
using Junction.Providers.OpenAI;
using Junction.Routing;
using Junction.Spend;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Junction;

/// <summary>
/// The composition root shared by the server and the in-process library: upstream HTTP clients, the provider
/// adapters, the routing table and the router, built from validated options.
/// </summary>
public sealed class JunctionRuntime : IDisposable
{
    private JunctionRuntime(JunctionOptions options, UpstreamHttpClientPool clients, ProviderRegistry providers, JunctionRouter router, TimeProvider timeProvider)
    {
        Options = options;
        HttpClients = clients;
        Providers = providers;
        Router = router;
        TimeProvider = timeProvider;
        StartedAt = timeProvider.GetUtcNow().ToUnixTimeSeconds();
    }

    /// <summary>Unix seconds when the runtime was built (the <c>created</c> of listed models).</summary>
    public long StartedAt { get; }

    public JunctionOptions Options { get; private set; }

    public UpstreamHttpClientPool HttpClients { get; }

    public ProviderRegistry Providers { get; }

    public JunctionRouter Router { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Builds the runtime. <paramref name="options"/> must come from a valid <see cref="ConfigLoadResult"/> or equivalent code.
    /// <paramref name="hooks"/> are called when each request finishes (cost estimation, spend and other observers).
    /// </summary>
    public static JunctionRuntime Create(
        JunctionOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, IRandomSource? random = null,
        RequestHooks? hooks = null)
    {
        timeProvider ??= TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        var clients = new UpstreamHttpClientPool();
        var providers = new ProviderRegistry(
        [
            new OpenAIProvider(clients, timeProvider),
            new MockProvider(timeProvider),
        ]);
        var table = RoutingTable.Build(options, providers);
        var router = new JunctionRouter(table, timeProvider, random ?? SharedRandomSource.Instance, loggerFactory.CreateLogger<JunctionRouter>(), hooks);
        return new JunctionRuntime(options, clients, providers, router, timeProvider);
    }

    /// <summary>Applies new validated options: a new routing snapshot is swapped in; in-flight requests are unaffected.</summary>
    public void Reload(JunctionOptions options)
    {
        Router.Swap(RoutingTable.Build(options, Providers, Router.Table));
        Options = options;
    }

    public void Dispose() => HttpClients.Dispose();
}
