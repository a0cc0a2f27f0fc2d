using Junction.Keys;

namespace Junction.Server.Admin;

/// <summary>
/// The role matrix, enforced here and nowhere else. <c>admin</c> (and the master key) may do everything on every team.
/// <c>team_admin</c> reads and writes keys of its own team and reads its team, users and audit log. <c>viewer</c> reads
/// keys, the team (with spend), the spend log and the audit log of its own team, and the shadow reports and rollout
/// status (model-wide, read-only); rollout commands are for <c>admin</c> only. <c>caller</c> has no admin access. A
/// principal without a team has no team-scoped access at all.
/// </summary>
internal static class AdminPermissions
{
    public static bool Allows(string role, AdminAction action) => role switch
    {
        Roles.Admin => true,
        Roles.TeamAdmin => action is AdminAction.KeysRead or AdminAction.KeysWrite or AdminAction.TeamsRead
            or AdminAction.UsersRead or AdminAction.AuditRead or AdminAction.SpendRead,
        Roles.Viewer => action is AdminAction.KeysRead or AdminAction.TeamsRead or AdminAction.AuditRead or AdminAction.SpendRead
            or AdminAction.MigrationRead,
        _ => false,
    };

    /// <summary>Whether <paramref name="principal"/> sees everything (not limited to one team).</summary>
    public static bool IsGlobal(Principal principal) => principal.Role == Roles.Admin;

    /// <summary>Whether <paramref name="principal"/> may act on something that belongs to <paramref name="teamId"/>.</summary>
    public static bool CanAccessTeam(Principal principal, string? teamId) =>
        IsGlobal(principal) || (principal.TeamId is not null && string.Equals(principal.TeamId, teamId, StringComparison.Ordinal));

    /// <summary>Which roles <paramref name="principal"/> may give to a key: a team admin cannot mint admin keys.</summary>
    public static bool CanGrantRole(Principal principal, string role) =>
        IsGlobal(principal) || (principal.Role == Roles.TeamAdmin && role is Roles.TeamAdmin or Roles.Viewer or Roles.Caller);
}
