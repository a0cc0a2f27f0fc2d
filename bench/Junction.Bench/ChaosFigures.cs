namespace Junction.Bench;

/// <summary>One chaos scenario: N requests at a fixed rate, what came back and how long it took.</summary>
internal sealed record ChaosFigures(string Scenario, LatencySummary Summary);
