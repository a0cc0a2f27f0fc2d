using System.Data.Common;
using System.Text;
using Junction.Budgets;
using Junction.Keys;

namespace Junction.Storage;

/// <summary>
/// <see cref="IGovernanceStore"/> over plain ADO.NET. The SQL is hand-written and portable between SQLite (3.35+) and
/// PostgreSQL: named parameters, <c>ON CONFLICT</c> upserts, integers for money and times. Each write and its audit
/// entry commit in one transaction.
/// </summary>
internal sealed class SqlGovernanceStore : IGovernanceStore
{
    internal const string InsertAudit =
        "INSERT INTO audit_log (at, actor, actor_role, action, target_type, target_id, team_id, before_json, after_json, request_id) " +
        "VALUES (@a_at, @a_actor, @a_actor_role, @a_action, @a_target_type, @a_target_id, @a_team_id, @a_before, @a_after, @a_request_id)";

    private readonly SqlDialect _dialect;
    private readonly TimeProvider _timeProvider;

    public SqlGovernanceStore(SqlDialect dialect, TimeProvider timeProvider)
    {
        _dialect = dialect;
        _timeProvider = timeProvider;
    }

    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken) =>
        MigrationRunner.MigrateAsync(_dialect, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);

    public Task CreateKeyAsync(VirtualKey key, AuditEntry audit, CancellationToken cancellationToken) =>
        WriteAsync($"INSERT INTO virtual_keys ({Rows.KeyColumns}) VALUES ({Parameters(Rows.KeyColumns)})",
            c => Rows.AddKey(c, key), audit, cancellationToken);

    public async Task<bool> UpdateKeyAsync(VirtualKey key, AuditEntry audit, CancellationToken cancellationToken) =>
        await WriteAsync($"UPDATE virtual_keys SET {Assignments(Rows.KeyColumns)} WHERE id = @id",
            c => Rows.AddKey(c, key), audit, cancellationToken).ConfigureAwait(false) > 0;

    public Task<VirtualKey?> GetKeyAsync(string id, CancellationToken cancellationToken) =>
        ReadOneAsync($"SELECT {Rows.KeyColumns} FROM virtual_keys WHERE id = @id", c => Sql.Add(c, "id", id), Rows.ReadKey, cancellationToken);

    public Task<VirtualKey?> FindKeyByHashAsync(string keyHash, CancellationToken cancellationToken) =>
        ReadOneAsync($"SELECT {Rows.KeyColumns} FROM virtual_keys WHERE key_hash = @hash", c => Sql.Add(c, "hash", keyHash), Rows.ReadKey, cancellationToken);

    public Task<IReadOnlyList<VirtualKey>> ListKeysAsync(KeyQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {Rows.KeyColumns} FROM virtual_keys WHERE 1 = 1");
        if (query.TeamId is not null)
        {
            sql.Append(" AND team_id = @team_id");
        }

        if (query.UserId is not null)
        {
            sql.Append(" AND user_id = @user_id");
        }

        if (!query.IncludeRevoked)
        {
            sql.Append(" AND revoked_at IS NULL");
        }

        sql.Append(" ORDER BY created_at, id LIMIT @limit OFFSET @offset");
        return ReadManyAsync(sql.ToString(), c =>
        {
            Sql.Add(c, "team_id", query.TeamId);
            Sql.Add(c, "user_id", query.UserId);
            Sql.Add(c, "limit", query.Limit);
            Sql.Add(c, "offset", query.Offset);
        }, Rows.ReadKey, cancellationToken);
    }

    public Task CreateTeamAsync(Team team, AuditEntry audit, CancellationToken cancellationToken) =>
        WriteAsync($"INSERT INTO teams ({Rows.TeamColumns}) VALUES ({Parameters(Rows.TeamColumns)})", c => Rows.AddTeam(c, team), audit, cancellationToken);

    public async Task<bool> UpdateTeamAsync(Team team, AuditEntry audit, CancellationToken cancellationToken) =>
        await WriteAsync($"UPDATE teams SET {Assignments(Rows.TeamColumns)} WHERE id = @id", c => Rows.AddTeam(c, team), audit, cancellationToken)
            .ConfigureAwait(false) > 0;

    public async Task<bool> DeleteTeamAsync(string id, AuditEntry audit, CancellationToken cancellationToken) =>
        await WriteAsync("DELETE FROM teams WHERE id = @id", c => Sql.Add(c, "id", id), audit, cancellationToken).ConfigureAwait(false) > 0;

    public Task<Team?> GetTeamAsync(string id, CancellationToken cancellationToken) =>
        ReadOneAsync($"SELECT {Rows.TeamColumns} FROM teams WHERE id = @id", c => Sql.Add(c, "id", id), Rows.ReadTeam, cancellationToken);

    public Task<IReadOnlyList<Team>> ListTeamsAsync(CancellationToken cancellationToken) =>
        ReadManyAsync($"SELECT {Rows.TeamColumns} FROM teams ORDER BY created_at, id", static _ => { }, Rows.ReadTeam, cancellationToken);

    public Task CreateUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken) =>
        WriteAsync($"INSERT INTO users ({Rows.UserColumns}) VALUES ({Parameters(Rows.UserColumns)})", c => Rows.AddUser(c, user), audit, cancellationToken);

    public async Task<bool> UpdateUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken) =>
        await WriteAsync($"UPDATE users SET {Assignments(Rows.UserColumns)} WHERE id = @id", c => Rows.AddUser(c, user), audit, cancellationToken)
            .ConfigureAwait(false) > 0;

    public async Task<bool> DeleteUserAsync(string id, AuditEntry audit, CancellationToken cancellationToken) =>
        await WriteAsync("DELETE FROM users WHERE id = @id", c => Sql.Add(c, "id", id), audit, cancellationToken).ConfigureAwait(false) > 0;

    public Task<User?> GetUserAsync(string id, CancellationToken cancellationToken) =>
        ReadOneAsync($"SELECT {Rows.UserColumns} FROM users WHERE id = @id", c => Sql.Add(c, "id", id), Rows.ReadUser, cancellationToken);

    public Task<IReadOnlyList<User>> ListUsersAsync(string? teamId, CancellationToken cancellationToken) =>
        ReadManyAsync($"SELECT {Rows.UserColumns} FROM users WHERE (@team_id IS NULL OR team_id = @team_id) ORDER BY created_at, id",
            c => Sql.Add(c, "team_id", teamId), Rows.ReadUser, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {Rows.AuditColumns} FROM audit_log WHERE 1 = 1");
        var filters = new (string Column, object? Value)[]
        {
            ("actor", query.Actor), ("action", query.Action), ("target_id", query.TargetId), ("team_id", query.TeamId),
        };
        foreach (var (column, value) in filters.Where(static f => f.Value is not null))
        {
            sql.Append($" AND {column} = @{column}");
        }

        if (query.Since is not null)
        {
            sql.Append(" AND at >= @since");
        }

        if (query.BeforeId is not null)
        {
            sql.Append(" AND id < @before_id");
        }

        sql.Append(" ORDER BY id DESC LIMIT @limit");
        return ReadManyAsync(sql.ToString(), c =>
        {
            foreach (var (column, value) in filters.Where(static f => f.Value is not null))
            {
                Sql.Add(c, column, value);
            }

            if (query.Since is { } since)
            {
                Sql.Add(c, "since", since.ToUnixTimeMilliseconds());
            }

            if (query.BeforeId is { } beforeId)
            {
                Sql.Add(c, "before_id", beforeId);
            }

            Sql.Add(c, "limit", query.Limit);
        }, Rows.ReadAudit, cancellationToken);
    }

    public async Task<long> GetSpentAsync(BudgetWindow window, CancellationToken cancellationToken)
    {
        var spent = await ReadOneAsync("SELECT spent_nanousd FROM budget_spend WHERE scope = @scope AND period_start = @start",
            c =>
            {
                Sql.Add(c, "scope", window.Scope);
                Sql.Add(c, "start", window.Start);
            },
            static r => (object)Sql.Long(r, "spent_nanousd")!.Value, cancellationToken).ConfigureAwait(false);
        return spent is long value ? value : 0;
    }

    public async Task AddSpentAsync(IReadOnlyList<(BudgetWindow Window, long Nanos)> amounts, CancellationToken cancellationToken)
    {
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionLifetime = transaction.ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (window, nanos) in amounts)
        {
            var command = connection.CreateCommand();
            await using var commandLifetime = command.ConfigureAwait(false);
            command.Transaction = transaction;
            command.CommandText =
                "INSERT INTO budget_spend (scope, period_start, spent_nanousd, updated_at) VALUES (@scope, @start, @nanos, @now) " +
                "ON CONFLICT (scope, period_start) DO UPDATE SET spent_nanousd = budget_spend.spent_nanousd + excluded.spent_nanousd, updated_at = excluded.updated_at";
            Sql.Add(command, "scope", window.Scope);
            Sql.Add(command, "start", window.Start);
            Sql.Add(command, "nanos", nanos);
            Sql.Add(command, "now", now);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _dialect is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    /// <summary>Runs one write and its audit row in one transaction; returns the rows the write affected (0: no audit row).</summary>
    private async Task<int> WriteAsync(string sql, Action<DbCommand> bind, AuditEntry audit, CancellationToken cancellationToken)
    {
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionLifetime = transaction.ConfigureAwait(false);
        int affected;
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            bind(command);
            affected = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (affected > 0)
        {
            var auditCommand = connection.CreateCommand();
            await using var auditCommandLifetime = auditCommand.ConfigureAwait(false);
            auditCommand.Transaction = transaction;
            auditCommand.CommandText = InsertAudit;
            Rows.AddAudit(auditCommand, audit);
            await auditCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return affected;
    }

    private async Task<T?> ReadOneAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class =>
        (await ReadManyAsync(sql, bind, read, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    private Task<IReadOnlyList<T>> ReadManyAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
        Sql.ReadManyAsync(_dialect, sql, bind, read, cancellationToken);

    private static string Parameters(string columns) => string.Join(", ", columns.Split(", ").Select(static c => "@" + c));

    private static string Assignments(string columns) =>
        string.Join(", ", columns.Split(", ").Where(static c => c != "id").Select(static c => $"{c} = @{c}"));
}
