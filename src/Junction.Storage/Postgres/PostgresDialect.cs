using System.Data.Common;
using Npgsql;

namespace Junction.Storage.Postgres;

/// <summary>
/// PostgreSQL through Npgsql (pooled connections). Migrations hold a transaction-scoped advisory lock, so instances
/// starting together migrate one after the other and the later ones find nothing left to do.
/// </summary>
internal sealed class PostgresDialect : SqlDialect, IAsyncDisposable
{
    private const long MigrationLockId = 0x4A756E6374696F6E; // "Junction"

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(string connectionString) => _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "postgres";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.CreateCommand();
        await using var commandLifetime = command.ConfigureAwait(false);
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockId})";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
