namespace Junction.Routing;

/// <summary>How a model group's requests are attempted: retries after the first attempt, and the whole-request timeout.</summary>
public sealed record RoutingPolicy(int Retries, TimeSpan Timeout);
