using System.Diagnostics.Metrics;
using Junction.Telemetry;

namespace Junction.Server.Telemetry;

/// <summary>
/// What only the HTTP edge sees: requests in flight from arrival to the last byte (streams included), before any model
/// is known, so without labels. Per-deployment in-flight counts are <c>junction.deployment.in_flight</c>.
/// </summary>
internal sealed class EdgeMetrics
{
    private readonly UpDownCounter<long> _inFlight;

    public EdgeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(JunctionMetrics.MeterName, JunctionInfo.Version);
        _inFlight = meter.CreateUpDownCounter<long>("junction.requests.in_flight", "{request}", "HTTP requests being handled, streams included.");
    }

    public void RequestStarted() => _inFlight.Add(1);

    public void RequestEnded() => _inFlight.Add(-1);
}
