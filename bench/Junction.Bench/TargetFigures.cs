namespace Junction.Bench;

/// <summary>Everything measured on one target (direct to the fake, the YARP floor, or Junction).</summary>
internal sealed record TargetFigures(
    string Name,
    LatencySummary OpenLoop,
    double CpuMsPerRequestAtRate,
    LatencySummary Stream,
    double RequestsPerSecond,
    double CpuMsPerRequestAtMax,
    int ClosedLoopFailures,
    double PeakRssMb,
    double RssAfterMb);
