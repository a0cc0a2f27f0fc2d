namespace Junction.Migration;

/// <summary>
/// Where migration data lives, who hears about rollout transitions (audit log, metrics), and the services comparisons
/// use (JSON Schema validation, cost).
/// </summary>
public sealed record MigrationStores(IShadowStore Shadows, IRolloutStateStore Rollouts)
{
    public Action<RolloutTransition>? OnRolloutTransition { get; init; }

    /// <summary>Validates JSON outputs against the request's schema; without it the <c>json_schema_valid</c> comparison is skipped.</summary>
    public ISchemaValidator? SchemaValidator { get; init; }

    /// <summary>Prices a served request for the cost comparison; without it costs are not compared.</summary>
    public Func<Routing.Deployment?, Protocol.OpenAI.Usage?, decimal?>? Cost { get; init; }

    public static MigrationStores InMemory() => new(new InMemoryShadowStore(), new InMemoryRolloutStateStore());
}
