namespace Junction.Migration;

/// <summary>
/// The persisted state of one model's rollout. It survives restarts (stored) and is shared by instances; every change
/// is a <see cref="RolloutTransition"/> written to the audit log.
/// </summary>
public sealed record RolloutState(string Model, string Target, int StepIndex, RolloutStatus Status, DateTimeOffset StepStartedAt)
{
    /// <summary>Why the last transition happened (figures included).</summary>
    public string? Reason { get; init; }

    /// <summary>Incremented by every transition; stores use it for compare-and-set between instances.</summary>
    public long Version { get; init; }

    public static RolloutState Start(string model, RolloutPolicy policy, DateTimeOffset now) =>
        new(model, policy.Target, 0, RolloutStatus.Active, now) { Reason = "rollout started" };

    /// <summary>The share of traffic, in percent, that goes to the new side now.</summary>
    public double Percent(RolloutPolicy policy) => Status switch
    {
        RolloutStatus.RolledBack => 0,
        RolloutStatus.Completed => policy.Steps[^1],
        _ => policy.Steps[Math.Clamp(StepIndex, 0, policy.Steps.Count - 1)],
    };
}
