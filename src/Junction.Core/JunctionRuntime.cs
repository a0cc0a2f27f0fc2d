using Junction.Configuration;
using Junction.Http;
using Junction.Migration;
using Azure.Core;
using Junction.Providers;
using Junction.Providers.Azure;
using Junction.Providers.Bedrock;
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
public sealed class JunctionRuntime : IDisposable, IAsyncDisposable
{
    private readonly MigrationStores _migrationStores;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IRandomSource _random;
    private MigrationCoordinator? _migration;

    private JunctionRuntime(JunctionOptions options, UpstreamHttpClientPool clients, ProviderRegistry providers, JunctionRouter router,
        TimeProvider timeProvider, MigrationStores migrationStores, ILoggerFactory loggerFactory, IRandomSource random)
    {
        Options = options;
        HttpClients = clients;
        Providers = providers;
        Router = router;
        TimeProvider = timeProvider;
        _migrationStores = migrationStores;
        _loggerFactory = loggerFactory;
        _random = random;
        StartedAt = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        _migration = BuildMigration(options);
        Router.ChatRedirect = _migration?.Rollouts;
    }

    /// <summary>Shadow traffic, recording and rollouts; null when no model configures them.</summary>
    public MigrationCoordinator? Migration => Volatile.Read(ref _migration);

    /// <summary>Who wants to see finished chat requests (the edge calls it after answering); null when nobody does.</summary>
    public IChatExchangeObserver? ChatObserver => Migration;

    /// <summary>Where shadow pairs and rollout state are kept.</summary>
    public MigrationStores MigrationStores => _migrationStores;

    /// <summary>Unix seconds when the runtime was built (the <c>created</c> of listed models).</summary>
    public long StartedAt { get; }

    public JunctionOptions Options { get; private set; }

    public UpstreamHttpClientPool HttpClients { get; }

    public ProviderRegistry Providers { get; }

    public JunctionRouter Router { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>Builds the runtime. <paramref name="options"/> must come from a valid <see cref="ConfigLoadResult"/> or equivalent code.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="random">Randomness for routing; shared when null.</param>
    /// <param name="azureCredentialFactory">
    /// Creates the Microsoft Entra credential for <c>auth: entra</c> azure deployments (on first use); Azure.Identity's
    /// <c>DefaultAzureCredential</c> when null. Tokens from either are cached and refreshed the same way.
    /// </param>
    /// <param name="migrationStores">Where shadow pairs and rollout state are kept; in memory when null.</param>
    /// <param name="hooks">Called when each request finishes (cost estimation, spend and other observers).</param>
    public static JunctionRuntime Create(
        JunctionOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, IRandomSource? random = null,
        Func<TokenCredential>? azureCredentialFactory = null, MigrationStores? migrationStores = null, RequestHooks? hooks = null)
    {
        timeProvider ??= TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        var clients = new UpstreamHttpClientPool();
        var providers = new ProviderRegistry(
        [
            new OpenAIProvider(clients, timeProvider),
            new AzureProvider(clients, timeProvider, azureCredentialFactory),
            new MockProvider(timeProvider),
            new BedrockProvider(clients, timeProvider),
        ]);
        var table = RoutingTable.Build(options, providers);
        random ??= SharedRandomSource.Instance;
        var router = new JunctionRouter(table, timeProvider, random, loggerFactory.CreateLogger<JunctionRouter>(), hooks);
        return new JunctionRuntime(options, clients, providers, router, timeProvider, migrationStores ?? MigrationStores.InMemory(), loggerFactory, random);
    }

    /// <summary>Starts background work (rollout evaluation, loading persisted rollout state). Call once before serving.</summary>
    public Task StartAsync(CancellationToken cancellationToken) =>
        Migration?.Rollouts.StartAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// Applies new validated options: a new routing snapshot is swapped in (in-flight requests finish on the old one),
    /// and shadow, recording and rollout settings are rebuilt (rollout state is kept in its store).
    /// </summary>
    public async Task ReloadAsync(JunctionOptions options, CancellationToken cancellationToken)
    {
        Router.Swap(RoutingTable.Build(options, Providers, Router.Table));
        Options = options;
        var migration = BuildMigration(options);
        if (migration is not null)
        {
            await migration.Rollouts.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        Router.ChatRedirect = migration?.Rollouts;
        var previous = Interlocked.Exchange(ref _migration, migration);
        if (previous is not null)
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }
    }

    private MigrationCoordinator? BuildMigration(JunctionOptions options) =>
        options.Models.Any(m => m.Shadow is not null || m.Rollout is not null || m.Recording is not null)
            ? new MigrationCoordinator(options, Router, _migrationStores, TimeProvider, _random, _loggerFactory, _migrationStores.Cost, _migrationStores.SchemaValidator)
            : null;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _migration, null) is { } migration)
        {
            await migration.DisposeAsync().ConfigureAwait(false);
        }

        Dispose();
    }

    public void Dispose()
    {
        foreach (var name in Providers.Names)
        {
            if (Providers.TryGet(name, out var provider) && provider is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }

        HttpClients.Dispose();
    }
}
