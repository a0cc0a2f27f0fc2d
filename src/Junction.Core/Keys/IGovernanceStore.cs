using Junction.Budgets;

namespace Junction.Keys;

/// <summary>
/// The governance database: virtual keys (by id and by hash), teams, users, the append-only audit log and budget
/// spend. Every write takes the audit entry that describes it and stores both in one transaction.
/// Implemented for SQLite and PostgreSQL in <c>Junction.Storage</c>.
/// </summary>
public interface IGovernanceStore : IBudgetSpendStore, IAsyncDisposable
{
    /// <summary>Applies pending schema migrations, in order, each in its own transaction; returns the versions applied.</summary>
    Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken);

    Task CreateKeyAsync(VirtualKey key, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Replaces the key row with the same id; false when there is none.</summary>
    Task<bool> UpdateKeyAsync(VirtualKey key, AuditEntry audit, CancellationToken cancellationToken);

    Task<VirtualKey?> GetKeyAsync(string id, CancellationToken cancellationToken);

    Task<VirtualKey?> FindKeyByHashAsync(string keyHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<VirtualKey>> ListKeysAsync(KeyQuery query, CancellationToken cancellationToken);

    Task CreateTeamAsync(Team team, AuditEntry audit, CancellationToken cancellationToken);

    Task<bool> UpdateTeamAsync(Team team, AuditEntry audit, CancellationToken cancellationToken);

    Task<bool> DeleteTeamAsync(string id, AuditEntry audit, CancellationToken cancellationToken);

    Task<Team?> GetTeamAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Team>> ListTeamsAsync(CancellationToken cancellationToken);

    Task CreateUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken);

    Task<bool> UpdateUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken);

    Task<bool> DeleteUserAsync(string id, AuditEntry audit, CancellationToken cancellationToken);

    Task<User?> GetUserAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> ListUsersAsync(string? teamId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken);
}
