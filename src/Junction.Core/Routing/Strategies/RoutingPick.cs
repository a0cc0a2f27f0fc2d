namespace Junction.Routing.Strategies;

/// <summary>What a strategy may consult when picking: randomness and the current time.</summary>
public readonly record struct RoutingPick(IRandomSource Random, DateTimeOffset Now);
