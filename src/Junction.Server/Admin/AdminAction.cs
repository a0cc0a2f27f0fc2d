namespace Junction.Server.Admin;

/// <summary>What an admin endpoint does, for the role matrix in <see cref="AdminPermissions"/>.</summary>
internal enum AdminAction
{
    KeysRead,
    KeysWrite,
    TeamsRead,
    TeamsWrite,
    UsersRead,
    UsersWrite,
    AuditRead,
    SpendRead,

    /// <summary>Shadow reports and rollout status (<c>/admin/shadow/report</c>, <c>GET /admin/rollouts</c>).</summary>
    MigrationRead,

    /// <summary>Rollout commands (<c>POST /admin/rollouts/{model}/{action}</c>).</summary>
    MigrationWrite,
}
