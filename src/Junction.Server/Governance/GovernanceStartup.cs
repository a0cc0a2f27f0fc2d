using Junction.Configuration;
using Junction.Keys;
using Junction.Redis;
using Junction.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Junction.Server.Governance;

/// <summary>
/// Runs before the server listens (hosted services start first): opens the governance store, applies pending
/// migrations, and builds the limiters and ledgers — shared through Redis when <c>redis.url</c> is set, else per
/// instance. On stop it drains the spend writer and closes connections.
/// </summary>
internal sealed partial class GovernanceStartup : IHostedService
{
    private readonly JunctionOptions _options;
    private readonly GovernanceAccessor _accessor;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GovernanceStartup> _logger;

    public GovernanceStartup(JunctionOptions options, GovernanceAccessor accessor, TimeProvider timeProvider, ILogger<GovernanceStartup> logger)
    {
        _options = options;
        _accessor = accessor;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (GovernanceStoreFactory.Create(_options.Storage, _timeProvider) is not { } store)
        {
            return;
        }

        try
        {
            var applied = await store.MigrateAsync(cancellationToken);
            Log.Migrated(_logger, _options.Storage.Provider!, applied.Count);
            _accessor.Services = _options.Redis.Url is null
                ? GovernanceServices.InMemory(store, _options.Governance, _timeProvider, OnError)
                : await RedisGovernance.CreateAsync(store, _options.Redis, _options.Governance, _timeProvider, OnError);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        Log.Ready(_logger, _options.Storage.Provider!, _accessor.Services.Shared ? "shared through redis" : "per instance");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_accessor.Services is { } services)
        {
            await services.DisposeAsync();
        }
    }

    private void OnError(Exception exception) => Log.BackgroundFailed(_logger, exception);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Governance storage {Provider}: {Count} migration(s) applied", EventName = "GovernanceMigrated")]
        public static partial void Migrated(ILogger logger, string provider, int count);

        [LoggerMessage(2, LogLevel.Information, "Virtual keys enabled on {Provider}; limits and budgets {Scope}", EventName = "GovernanceReady")]
        public static partial void Ready(ILogger logger, string provider, string scope);

        [LoggerMessage(3, LogLevel.Error, "Settling or persisting spend failed", EventName = "GovernanceBackgroundFailed")]
        public static partial void BackgroundFailed(ILogger logger, Exception exception);
    }
}
