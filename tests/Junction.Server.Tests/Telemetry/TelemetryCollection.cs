namespace Junction.Server.Tests.Telemetry;

/// <summary>
/// Tests that read <c>/metrics</c> or OTLP exports run alone: the OpenTelemetry SDK listens to every <c>Junction</c>
/// meter and activity source in the process, so a server started by a parallel test would add to the figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry (not parallel)";
}
