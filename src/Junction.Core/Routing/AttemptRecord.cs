using Junction.Resilience;

namespace Junction.Routing;

/// <summary>One upstream attempt of a request: where it went, how it ended and how long it took.</summary>
public sealed record AttemptRecord(string Deployment, string Provider, int Status, JunctionErrorKind? ErrorKind, TimeSpan Latency);
