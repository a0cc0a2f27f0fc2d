using Junction.Keys;

namespace Junction.Server.Governance;

/// <summary>
/// Holds the <see cref="GovernanceServices"/> once <see cref="GovernanceStartup"/> has migrated the database and
/// connected to Redis; <see cref="Services"/> stays null when storage is off (no virtual keys).
/// </summary>
internal sealed class GovernanceAccessor
{
    public GovernanceServices? Services { get; set; }
}
