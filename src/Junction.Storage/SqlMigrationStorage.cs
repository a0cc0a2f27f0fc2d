using Junction.Configuration;
using Junction.Migration;
using Junction.Storage.Postgres;
using Junction.Storage.Sqlite;

namespace Junction.Storage;

/// <summary>
/// Shadow pairs and rollout state in the governance database (tables from migration 0003), for
/// <see cref="MigrationStores"/>: rollout state then survives restarts and is shared by every instance on the same
/// database. The schema is applied by the governance startup (<c>junction db migrate</c>) before the stores are used.
/// </summary>
public sealed class SqlMigrationStorage : IAsyncDisposable
{
    private readonly SqlDialect _dialect;

    private SqlMigrationStorage(SqlDialect dialect, TimeProvider timeProvider)
    {
        _dialect = dialect;
        Shadows = new SqlShadowStore(dialect);
        Rollouts = new SqlRolloutStateStore(dialect, timeProvider);
    }

    public IShadowStore Shadows { get; }

    /// <summary>Compare-and-set rollout state; every transition is written to the audit log in the same transaction.</summary>
    public IRolloutStateStore Rollouts { get; }

    /// <summary>Opens the stores on the database the <c>storage</c> block names; null when storage is off.</summary>
    public static SqlMigrationStorage? Open(StorageOptions options, TimeProvider timeProvider) => options.Provider switch
    {
        StorageProviderNames.Sqlite => new(new SqliteDialect(options.Connection ?? StorageOptions.DefaultSqliteConnection), timeProvider),
        StorageProviderNames.Postgres => new(new PostgresDialect(options.Connection!), timeProvider),
        _ => null,
    };

    /// <summary>The stores as <see cref="MigrationStores"/>, to which the caller adds callbacks and services.</summary>
    public MigrationStores ToStores() => new(Shadows, Rollouts);

    public ValueTask DisposeAsync() => _dialect is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
