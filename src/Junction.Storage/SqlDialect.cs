using System.Data.Common;

namespace Junction.Storage;

/// <summary>What differs between the databases: how to connect, where the migrations are, how to serialise migrations.</summary>
internal abstract class SqlDialect
{
    /// <summary><c>sqlite</c> or <c>postgres</c>: the folder of its migrations.</summary>
    public abstract string Name { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Starts a transaction that holds the migration lock (so two instances starting at once migrate once).</summary>
    public abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Called once before the first migration (for example to switch SQLite to WAL mode).</summary>
    public virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;
}
