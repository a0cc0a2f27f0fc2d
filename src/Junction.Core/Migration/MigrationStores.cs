namespace Junction.Migration;

/// <summary>Where migration data lives, and who hears about rollout transitions (audit log, metrics).</summary>
public sealed record MigrationStores(IShadowStore Shadows, IRolloutStateStore Rollouts)
{
    public Action<RolloutTransition>? OnRolloutTransition { get; init; }

    public static MigrationStores InMemory() => new(new InMemoryShadowStore(), new InMemoryRolloutStateStore());
}
