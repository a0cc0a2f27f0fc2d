using Junction.Configuration;
using Junction.Migration;
using Junction.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Junction.Server.Migration;

/// <summary>
/// With a database and Redis configured, tells the other instances about rollout transitions at once: each transition
/// made here is published on the Redis rollout channel, and each message heard makes this instance re-read that
/// rollout's state (otherwise they would pick it up at their next 5-second evaluation).
/// </summary>
internal sealed partial class MigrationSync : IHostedService, IAsyncDisposable
{
    private readonly JunctionOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILogger<MigrationSync> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private RedisRolloutEvents? _events;

    public MigrationSync(JunctionOptions options, IServiceProvider services, ILogger<MigrationSync> logger)
    {
        _options = options;
        _services = services;
        _logger = logger;
    }

    /// <summary>The <see cref="MigrationStores.OnRolloutTransition"/> part that announces a transition to the other instances.</summary>
    public void Announce(RolloutTransition transition) => Volatile.Read(ref _events)?.Publish(transition.To.Model);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Redis.Url is null || !_options.Storage.Enabled)
        {
            return;
        }

        var events = await RedisRolloutEvents.ConnectAsync(_options.Redis);
        var runtime = _services.GetRequiredService<JunctionRuntime>();
        await events.SubscribeAsync(model => _ = RefreshAsync(runtime, model));
        Volatile.Write(ref _events, events);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _stopping.CancelAsync();

    private async Task RefreshAsync(JunctionRuntime runtime, string model)
    {
        try
        {
            if (runtime.Migration is { } migration && await migration.Rollouts.RefreshAsync(model, _stopping.Token))
            {
                Log.Refreshed(_logger, model);
            }
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            Log.RefreshFailed(_logger, ex, model);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _events, null) is { } events)
        {
            await events.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Rollout of {Model} changed on another instance; state re-read", EventName = "RolloutRefreshed")]
        public static partial void Refreshed(ILogger logger, string model);

        [LoggerMessage(2, LogLevel.Warning, "Re-reading the rollout state of {Model} failed; the next evaluation will retry", EventName = "RolloutRefreshFailed")]
        public static partial void RefreshFailed(ILogger logger, Exception exception, string model);
    }
}
