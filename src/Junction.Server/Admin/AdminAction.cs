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
}
