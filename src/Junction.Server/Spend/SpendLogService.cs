using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace Junction.Server.Spend;

/// <summary>
/// Runs the spend writer with the host: starts it (replaying the outbox) and, on shutdown, after the server has
/// finished its requests, drains every queued row into the database within the host's shutdown timeout. Publishes the
/// writer's counters on the Junction meter (<c>junction.spend.rows</c> by <c>state</c>, <c>junction.spend.pending</c>).
/// </summary>
internal sealed class SpendLogService : IHostedService, IDisposable
{
    private readonly SpendAccessor _spend;
    private readonly Meter? _meter;

    public SpendLogService(SpendAccessor spend, IMeterFactory? meterFactory = null)
    {
        _spend = spend;
        if (spend.Writer is { } writer && meterFactory is not null)
        {
            _meter = meterFactory.Create("Junction");
            _meter.CreateObservableCounter("junction.spend.rows", () => new Measurement<long>[]
            {
                new(writer.Written, new KeyValuePair<string, object?>("state", "written")),
                new(writer.Retried, new KeyValuePair<string, object?>("state", "retried")),
                new(writer.Dropped, new KeyValuePair<string, object?>("state", "dropped")),
                new(writer.Replayed, new KeyValuePair<string, object?>("state", "replayed")),
            }, "{row}", "Spend-log rows by what happened to them");
            _meter.CreateObservableUpDownCounter("junction.spend.pending", () => writer.Pending, "{row}", "Spend-log rows not yet in the database");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _spend.Writer?.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _spend.Writer?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public void Dispose() => _meter?.Dispose();
}
