namespace Junction.Migration;

/// <summary>Where a percentage rollout stands.</summary>
public enum RolloutStatus
{
    /// <summary>Splitting traffic at the current step and promoting automatically when healthy.</summary>
    Active,

    /// <summary>Held at the current step by a person; no automatic promotion (rollback conditions still apply).</summary>
    Paused,

    /// <summary>All traffic back on the old side after a rollback; stays so until a person resumes.</summary>
    RolledBack,

    /// <summary>The last step (normally 100 %) held healthy: the new side serves everything.</summary>
    Completed,
}
